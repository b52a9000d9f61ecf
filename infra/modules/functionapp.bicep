// The function app: AfterSales as a .NET 10 isolated-worker app on the Flex Consumption plan (Linux, serverless,
// scale to zero, runtime "dotnet-isolated" 10.0), its Durable orchestrations on the Azure Storage backend of the
// same account (the task hub's queues, tables and blobs, reached with the identity like the rest). It signs in to storage, Key Vault, Communication
// Services and Application Insights with its system-assigned managed identity: no keys in its settings.

param planName string
param appName string
param location string
param tags object

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

param storageAccountName string
param packageContainerUrl string
param applicationInsightsConnectionString string
param keyVaultUri string

@description('Communication Services endpoint (https://….communication.azure.com/).')
param communicationEndpoint string

@description('managedIdentity: the app signs SMS requests with its identity; accessKey: with the connection string kept in Key Vault.')
@allowed([
  'managedIdentity'
  'accessKey'
])
param smsAuthentication string

@description('The SMS sender the Communication Services resource owns (E.164 number or alphanumeric id). Empty: no SMS are sent; they are kept in the SMS log.')
param smsFrom string

@description('Empty, aliyun or tencent: the mainland provider customer SMS go through.')
param smsProvider string

param smsSignName string

@description('The approved template of each notification, by its name: Alibaba\'s code or Tencent\'s id.')
param smsTemplates object

param aliyunAccessKeyId string
param tencentAccessKeyId string
param tencentSdkAppId string
param tencentRegion string

@description('Public address customer links start with; empty for the app\'s own address.')
param publicBaseUrl string

param contactPhone string
param businessTimeZone string
param ticketNumberPrefix string
param signatureImmutabilityDays int

@description('Microsoft Entra ID sign-in of staff: authority (https://login.microsoftonline.com/{tenant}/v2.0) and audience. Empty: API keys only.')
param entraAuthority string
param entraAudience string

@description('Client id of the app registration staff sign in to the console with (OpenID Connect); empty: no Entra sign-in on the console.')
param entraClientId string

@description('Encrypt the console\'s data-protection keys with the Key Vault certificate console-keys (create it first).')
param consoleKeyCertificate bool

@description('Extra app settings (name: value), e.g. FollowUp__Agents__0.')
param extraAppSettings object

var secret = {
  linkSigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/link-signing-key/)'
  smsEventKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sms-event-key/)'
  integrationApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/integration-api-key/)'
  acsConnectionString: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/acs-connection-string/)'
  consoleKeyCertificate: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/console-keys/)'
  aliyunAccessKeySecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sms-aliyun-access-key-secret/)'
  tencentSecretKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sms-tencent-secret-key/)'
}

var smsSettings = empty(smsFrom)
  ? {}
  : union(
      { Sms__From: smsFrom },
      smsAuthentication == 'managedIdentity'
        ? { Sms__AcsEndpoint: communicationEndpoint }
        : { Sms__AcsConnectionString: secret.acsConnectionString }
    )

// A mainland provider signs with an access key: the key's id is a setting, its secret a Key Vault reference (the
// company puts it in the vault; docs/deployment.md says how, and how to rotate it). Numbers outside +86 keep going
// through Communication Services when it has a sender.
var chinaSmsSettings = smsProvider == 'aliyun'
  ? union(
      {
        Sms__Provider: 'aliyun'
        Sms__Aliyun__AccessKeyId: aliyunAccessKeyId
        Sms__Aliyun__AccessKeySecret: secret.aliyunAccessKeySecret
        Sms__Aliyun__SignName: smsSignName
      },
      empty(smsFrom) ? {} : { Sms__InternationalProvider: 'acs' },
      toObject(items(smsTemplates), t => 'Sms__Aliyun__Templates__${t.key}__Code', t => string(t.value))
    )
  : smsProvider == 'tencent'
      ? union(
          {
            Sms__Provider: 'tencent'
            Sms__Tencent__SecretId: tencentAccessKeyId
            Sms__Tencent__SecretKey: secret.tencentSecretKey
            Sms__Tencent__SdkAppId: tencentSdkAppId
            Sms__Tencent__Region: tencentRegion
            Sms__Tencent__SignName: smsSignName
          },
          empty(smsFrom) ? {} : { Sms__InternationalProvider: 'acs' },
          toObject(items(smsTemplates), t => 'Sms__Tencent__Templates__${t.key}__Id', t => string(t.value))
        )
      : {}

var entraSettings = empty(entraAuthority)
  ? {}
  : union(
      {
        Auth__Entra__Authority: entraAuthority
        Auth__Entra__Audience: entraAudience
      },
      empty(entraClientId) ? {} : { Auth__Entra__ClientId: entraClientId }
    )

var consoleSettings = consoleKeyCertificate ? { Console__KeyProtectionCertificate: secret.consoleKeyCertificate } : {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: packageContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Settings live in their own resource so the ones naming the app's own address can use it.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(
    {
      // Identity-based storage (the host's and the app's): account name and managed identity, no key.
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      Business__TimeZone: businessTimeZone
      Business__TicketNumberPrefix: ticketNumberPrefix
      CustomerLinks__SigningKey: secret.linkSigningKey
      CustomerLinks__BaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
      CustomerLinks__ContactPhone: contactPhone
      Sms__EventKey: secret.smsEventKey
      Storage__SignatureImmutabilityDays: string(signatureImmutabilityDays)
      Auth__ApiKeys__0__Name: 'integration'
      Auth__ApiKeys__0__Key: secret.integrationApiKey
      Auth__ApiKeys__0__Role: 'integration'
    },
    smsSettings,
    chinaSmsSettings,
    entraSettings,
    consoleSettings,
    extraAppSettings
  )
}

output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
