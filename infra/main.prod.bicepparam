// Production: zone-redundant storage, 90 days of telemetry, Key Vault purge protection, staff signing in
// with Microsoft Entra ID. Secrets come from the environment of the shell that deploys (never from this
// file); left unset on a redeployment, the values already in Key Vault stay.
using 'main.bicep'

param environmentName = 'prod'
param name = 'aftersales'
param smsFrom = readEnvironmentVariable('AFTERSALES_SMS_FROM', '')
param smsProvider = readEnvironmentVariable('AFTERSALES_SMS_PROVIDER', '')
param smsSignName = readEnvironmentVariable('AFTERSALES_SMS_SIGN_NAME', '')
param smsTemplates = json(readEnvironmentVariable('AFTERSALES_SMS_TEMPLATES', '{}'))
param aliyunAccessKeyId = readEnvironmentVariable('AFTERSALES_ALIYUN_ACCESS_KEY_ID', '')
param tencentAccessKeyId = readEnvironmentVariable('AFTERSALES_TENCENT_SECRET_ID', '')
param tencentSdkAppId = readEnvironmentVariable('AFTERSALES_TENCENT_SDK_APP_ID', '')
param subscribeDeliveryReports = bool(readEnvironmentVariable('AFTERSALES_DELIVERY_REPORTS', 'false'))
param linkSigningKey = readEnvironmentVariable('AFTERSALES_LINK_SIGNING_KEY', '')
param smsEventKey = readEnvironmentVariable('AFTERSALES_SMS_EVENT_KEY', '')
param integrationApiKey = readEnvironmentVariable('AFTERSALES_INTEGRATION_API_KEY', '')
param publicBaseUrl = readEnvironmentVariable('AFTERSALES_PUBLIC_BASE_URL', '')
param contactPhone = readEnvironmentVariable('AFTERSALES_CONTACT_PHONE', '')
param entraAuthority = readEnvironmentVariable('AFTERSALES_ENTRA_AUTHORITY', '')
param entraAudience = readEnvironmentVariable('AFTERSALES_ENTRA_AUDIENCE', '')
param entraClientId = readEnvironmentVariable('AFTERSALES_ENTRA_CLIENT_ID', '')
param consoleKeyCertificate = bool(readEnvironmentVariable('AFTERSALES_CONSOLE_KEY_CERTIFICATE', 'false'))
param maximumInstanceCount = 100
param signatureImmutabilityDays = 1095
