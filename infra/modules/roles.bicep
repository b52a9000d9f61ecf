// What the app's managed identity may do — and nothing more: data in its storage account, the secrets in
// its vault, SMS through its Communication Services resource, telemetry to its Application Insights.

@description('Name of the function app: seeds the assignments\' ids, which must be known before deployment.')
param appName string

@description('Object id of the function app\'s system-assigned identity.')
param principalId string

param storageAccountName string
param keyVaultName string
param communicationServiceName string
param applicationInsightsName string

@description('Whether the app signs SMS requests with its identity (it then needs a role on Communication Services).')
param smsWithIdentity bool

// Built-in role definition ids (the same in every tenant).
var role = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationServiceName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Blob Data Owner, not Contributor: the Functions host keeps its timer locks and the deployment package in
// blobs, and the app sets immutability policies on stored signatures.
resource blobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appName, role.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The durable task hub's control and work-item queues.
resource queueData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appName, role.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appName, role.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appName, role.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Communication Services has no narrower built-in role that allows sending SMS with Entra ID.
resource sms 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (smsWithIdentity) {
  name: guid(communication.id, appName, role.communicationAndEmailServiceOwner)
  scope: communication
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.communicationAndEmailServiceOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, appName, role.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
