// Key Vault for the app's secrets, authorised by Azure RBAC. A secret parameter left empty keeps the value
// already stored, so a redeployment does not need the secrets again.

param name string
param location string
param tags object

@description('Purge protection cannot be turned off again; on for production.')
param purgeProtection bool

@secure()
@description('HMAC key of customer links (base64, at least 32 bytes). Empty keeps the stored one.')
param linkSigningKey string

@secure()
@description('Key Event Grid presents with SMS delivery reports. Empty keeps the stored one.')
param smsEventKey string

@secure()
@description('API key of the integration role (intake from other systems). Empty keeps the stored one.')
param integrationApiKey string

@description('Name of the Communication Services resource whose connection string is stored.')
param communicationServiceName string

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationServiceName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: purgeProtection ? true : null
    // Lets a deployment hand the event key to the delivery-report subscription without it leaving the vault.
    enabledForTemplateDeployment: true
    publicNetworkAccess: 'Enabled'
  }
}

resource linkKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(linkSigningKey)) {
  parent: vault
  name: 'link-signing-key'
  properties: {
    value: linkSigningKey
    contentType: 'base64 HMAC-SHA256 key'
  }
}

resource eventKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smsEventKey)) {
  parent: vault
  name: 'sms-event-key'
  properties: {
    value: smsEventKey
  }
}

resource integrationKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(integrationApiKey)) {
  parent: vault
  name: 'integration-api-key'
  properties: {
    value: integrationApiKey
  }
}

// The access-key connection string, for the access-key option and for operators; with the default
// (managed identity) the app never reads it.
resource acsConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'acs-connection-string'
  properties: {
    value: communication.listKeys().primaryConnectionString
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
