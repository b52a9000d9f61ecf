// Application Insights on a Log Analytics workspace. Local (key) authentication is off: the app's identity
// sends telemetry with the Monitoring Metrics Publisher role.

param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@minValue(30)
@maxValue(730)
param retentionDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    RetentionInDays: retentionDays
  }
}

output applicationInsightsName string = insights.name
output applicationInsightsId string = insights.id
output connectionString string = insights.properties.ConnectionString
