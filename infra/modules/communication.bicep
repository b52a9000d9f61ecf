// Azure Communication Services, which sends the customers' SMS, and its Event Grid system topic, which
// carries their delivery reports.

param name string
param tags object

@description('Where Communication Services keeps its data at rest.')
param dataLocation string

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: name
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource events 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${name}-events'
  location: 'global'
  tags: tags
  properties: {
    source: communication.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

output name string = communication.name
output id string = communication.id
output endpoint string = 'https://${communication.properties.hostName}/'
