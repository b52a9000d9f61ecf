// The Event Grid subscription that delivers SMS delivery reports to the app's webhook. Event Grid checks the
// endpoint when the subscription is created, so this is deployed once the app's code is running.

param systemTopicName string

@secure()
@description('The app\'s webhook, https://{host}/api/events/sms (Event Grid treats webhook addresses as secrets).')
param endpointUrl string

@secure()
@description('Sent as the X-AfterSales-Event-Key header (a secret delivery attribute); the app compares it with Sms:EventKey.')
param eventKey string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource deliveryReports 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'sms-delivery-reports'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Communication.SMSDeliveryReportReceived'
      ]
    }
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: endpointUrl
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
        deliveryAttributeMappings: [
          {
            name: 'X-AfterSales-Event-Key'
            type: 'Static'
            properties: {
              value: eventKey
              isSecret: true
            }
          }
        ]
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output name string = deliveryReports.name
