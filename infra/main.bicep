// AfterSales on Azure: one resource group holding the function app (.NET isolated worker with Durable
// orchestrations, Flex Consumption), its storage account, Key Vault, Communication Services with its Event Grid topic, and Application Insights on
// Log Analytics. Deploy with `az deployment group create` (see the README's deployment section).

targetScope = 'resourceGroup'

@minLength(2)
@maxLength(12)
@description('Short name of this installation, used in resource names (lower-case letters and digits).')
param name string = 'aftersales'

@allowed([
  'dev'
  'test'
  'prod'
])
@description('Environment: decides storage redundancy, retention and purge protection.')
param environmentName string

@description('Region of the resources; it must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Where Communication Services keeps its data at rest.')
param communicationDataLocation string = 'Asia Pacific'

@description('managedIdentity (default): SMS requests are signed with the app\'s identity; accessKey: with the connection string in Key Vault.')
@allowed([
  'managedIdentity'
  'accessKey'
])
param smsAuthentication string = 'managedIdentity'

@description('SMS sender the Communication Services resource owns (E.164 number or alphanumeric id). Leave empty until one is bought: messages are then only kept in the SMS log.')
param smsFrom string = ''

@description('Where customer SMS go. Empty: Communication Services when smsFrom is set, else only the SMS log. aliyun (Alibaba Cloud SMS) or tencent (Tencent Cloud SMS) for mainland numbers, which Communication Services cannot reach; with smsFrom set, numbers outside +86 still go through Communication Services.')
@allowed([
  ''
  'aliyun'
  'tencent'
])
param smsProvider string = ''

@description('aliyun or tencent: the approved SMS signature (签名, the company\'s name without 【】).')
param smsSignName string = ''

@description('aliyun or tencent: the approved template of each notification, by its name: Alibaba\'s template code or Tencent\'s template id ({ requestReceived: \'SMS_465000001\', … }; docs/sms.md lists them). The app does not start without one for each.')
param smsTemplates object = {}

@description('aliyun: the AccessKey ID of the RAM user that sends SMS. Its secret is the Key Vault secret sms-aliyun-access-key-secret (docs/deployment.md).')
param aliyunAccessKeyId string = ''

@description('tencent: the SecretId (access key id) of the CAM user that sends SMS, and the SMS application (SmsSdkAppId). Its SecretKey is the Key Vault secret sms-tencent-secret-key (docs/deployment.md).')
param tencentAccessKeyId string = ''
param tencentSdkAppId string = ''
param tencentRegion string = 'ap-guangzhou'

@description('Create the Event Grid subscription for SMS delivery reports. Needs the app\'s code running (Event Grid checks the webhook): set it on the second deployment.')
param subscribeDeliveryReports bool = false

@secure()
@description('HMAC key of customer links: base64 of at least 32 random bytes (openssl rand -base64 32). Required the first time; empty keeps the stored key.')
param linkSigningKey string = ''

@secure()
@description('Key Event Grid presents with delivery reports. Required the first time; empty keeps the stored key.')
param smsEventKey string = ''

@secure()
@description('API key (at least 16 characters) of the integration role, for intake from other systems. Required the first time; empty keeps the stored key.')
param integrationApiKey string = ''

@description('Public address customer links start with (a custom domain); empty for the function app\'s own address.')
param publicBaseUrl string = ''

@description('Hotline shown to customers on pages of links that can no longer be used.')
param contactPhone string = ''

param businessTimeZone string = 'Asia/Shanghai'

@minLength(1)
@maxLength(8)
param ticketNumberPrefix string = 'AS'

@minValue(0)
@description('Days each stored customer signature is locked against change and deletion (0 = off).')
param signatureImmutabilityDays int = 1095

@description('Staff sign-in with Microsoft Entra ID: https://login.microsoftonline.com/{tenant}/v2.0; empty for API keys only.')
param entraAuthority string = ''

@description('Audience (application ID URI or client id) of staff tokens.')
param entraAudience string = ''

@description('Client id of the app registration staff sign in to the console with; empty: the console offers no Entra sign-in.')
param entraClientId string = ''

@description('Encrypt the console\'s sign-in keys at rest with the Key Vault certificate console-keys (create it before deploying).')
param consoleKeyCertificate bool = false

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Further app settings (name: value), e.g. {"FollowUp__Agents__0": "zhang.wei"}.')
param extraAppSettings object = {}

param tags object = {}

var production = environmentName == 'prod'
var token = take(uniqueString(resourceGroup().id, name, environmentName), 8)
var baseName = '${name}-${environmentName}'
// Names are fixed before the deployment starts, so What-If can predict every change.
var storageName = take('st${name}${environmentName}${token}', 24)
var communicationName = 'acs-${baseName}-${token}'
var insightsName = 'appi-${baseName}-${token}'
var appName = 'func-${baseName}-${token}'
// Key Vault names are global and at most 24 characters.
var vaultName = take('kv-${name}-${environmentName}-${token}', 24)
var allTags = union(tags, {
  application: 'aftersales'
  environment: environmentName
})

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageName
    location: location
    tags: allTags
    sku: production ? 'Standard_ZRS' : 'Standard_LRS'
    softDeleteDays: production ? 30 : 7
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${token}'
    applicationInsightsName: insightsName
    location: location
    tags: allTags
    retentionDays: production ? 90 : 30
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  params: {
    name: communicationName
    tags: allTags
    dataLocation: communicationDataLocation
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: vaultName
    location: location
    tags: allTags
    purgeProtection: production
    linkSigningKey: linkSigningKey
    smsEventKey: smsEventKey
    integrationApiKey: integrationApiKey
    communicationServiceName: communicationName
  }
  dependsOn: [
    communication
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    planName: 'plan-${baseName}-${token}'
    appName: appName
    location: location
    tags: allTags
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    storageAccountName: storage.outputs.name
    packageContainerUrl: storage.outputs.packageContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: vault.outputs.uri
    communicationEndpoint: communication.outputs.endpoint
    smsAuthentication: smsAuthentication
    smsFrom: smsFrom
    smsProvider: smsProvider
    smsSignName: smsSignName
    smsTemplates: smsTemplates
    aliyunAccessKeyId: aliyunAccessKeyId
    tencentAccessKeyId: tencentAccessKeyId
    tencentSdkAppId: tencentSdkAppId
    tencentRegion: tencentRegion
    publicBaseUrl: publicBaseUrl
    contactPhone: contactPhone
    businessTimeZone: businessTimeZone
    ticketNumberPrefix: ticketNumberPrefix
    signatureImmutabilityDays: signatureImmutabilityDays
    entraAuthority: entraAuthority
    entraAudience: entraAudience
    entraClientId: entraClientId
    consoleKeyCertificate: consoleKeyCertificate
    extraAppSettings: extraAppSettings
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    appName: appName
    principalId: functionApp.outputs.principalId
    storageAccountName: storageName
    keyVaultName: vaultName
    communicationServiceName: communicationName
    applicationInsightsName: insightsName
    smsWithIdentity: smsAuthentication == 'managedIdentity'
  }
  // Storage, vault, Communication Services and monitoring exist before the app (it uses their outputs).
}

// The event key goes from the vault to the subscription without passing through the deployment's inputs.
resource deployedVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

module deliveryReports 'modules/delivery-reports.bicep' = if (subscribeDeliveryReports) {
  name: 'delivery-reports'
  params: {
    systemTopicName: '${communicationName}-events'
    hostName: functionApp.outputs.defaultHostName
    eventKey: deployedVault.getSecret('sms-event-key')
  }
  dependsOn: [
    roles
  ]
}

@description('The app\'s address: /api/health answers 200 when it can reach its storage.')
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'
output functionAppName string = functionApp.outputs.name
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output communicationServiceName string = communication.outputs.name
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
