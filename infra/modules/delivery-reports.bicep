// The Event Grid subscription that delivers SMS delivery reports to the app's webhook. Event Grid checks the
// endpoint when the subscription is created, so this is deployed once the app's code is running.

param systemTopicName string

@description('Host name of the function app; the webhook is https://{host}/api/events/sms.')
param hostName string

@secure()
@description('The key the app compares with Sms:EventKey. It travels in the webhook address (?key=…), which Event Grid keeps secret, so that it also reaches the app with the validation handshake.')
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
        // Built from the @secure() event key; the rule cannot follow a secure value through interpolation.
        #disable-next-line use-secure-value-for-secure-inputs
        endpointUrl: 'https://${hostName}/api/events/sms?key=${uriComponent(eventKey)}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output name string = deliveryReports.name
