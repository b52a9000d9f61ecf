using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AfterSales.Application;
using AfterSales.Application.Customers;
using AfterSales.Application.Notifications;
using AfterSales.Functions.Auth;
using AfterSales.Infrastructure.Storage;

namespace AfterSales.Deployment.Tests;

/// <summary>
/// Every Bicep file under <c>infra/</c> compiles clean with the Bicep CLI (no BCP warning, no linter
/// finding), and the compiled template keeps the promises the deployment makes: no storage keys, TLS 1.2,
/// no public blobs, write-once signatures, the isolated worker on Flex Consumption, secrets from Key Vault,
/// and the roles the app's identity needs.
/// </summary>
public class InfraTemplateTests
{
    private static readonly Lazy<JsonNode> Main = new(() =>
    {
        var compilation = Bicep.Compile(Path.Combine(Bicep.Infra, "main.bicep"));
        Assert.True(compilation.Clean, string.Join('\n', compilation.Diagnostics));
        return compilation.Json!;
    });

    public static TheoryData<string> Files() => new(FileNames());

    private static IEnumerable<string> FileNames() =>
        Directory.EnumerateFiles(Bicep.Infra, "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Bicep.Infra, f))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Infra_HasTheTemplateItsModulesAndAParametersFilePerEnvironment()
    {
        var files = FileNames().ToList();

        Assert.Contains("main.bicep", files);
        Assert.Contains("main.dev.bicepparam", files);
        Assert.Contains("main.prod.bicepparam", files);
        Assert.True(files.Count(f => f.StartsWith("modules", StringComparison.Ordinal)) >= 6, string.Join(", ", files));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryFile_CompilesWithoutAnyWarningOrLinterFinding(string file)
    {
        var compilation = Bicep.Compile(Path.Combine(Bicep.Infra, file));

        Assert.True(compilation.Clean, $"{file}:\n{string.Join('\n', compilation.Diagnostics)}");
    }

    [Fact]
    public void LinterRules_AreErrors_AndAFindingFailsTheCompilation()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        var enforced = rules.Where(r => r.Value!["level"]!.GetValue<string>() == "error").Select(r => r.Key).ToList();
        Assert.Contains("no-unused-params", enforced);
        Assert.Contains("outputs-should-not-contain-secrets", enforced);
        Assert.Contains("use-secure-value-for-secure-inputs", enforced);
        Assert.Contains("no-hardcoded-env-urls", enforced);

        var folder = Directory.CreateTempSubdirectory("aftersales-bicep-");
        try
        {
            File.Copy(Path.Combine(Bicep.Infra, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var unused = Path.Combine(folder.FullName, "unused.bicep");
            File.WriteAllText(unused, "param forgotten string\noutput ok bool = true\n");
            var typo = Path.Combine(folder.FullName, "typo.bicep");
            File.WriteAllText(typo, """
                param location string
                resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
                  name: 'kv-typo'
                  location: location
                  properties: {
                    tenantId: subscription().tenantId
                    sku: { family: 'A', name: 'standard' }
                    enableRbacAuthorisation: true
                  }
                }
                """);

            var linted = Bicep.Compile(unused);
            var typed = Bicep.Compile(typo);

            Assert.False(linted.Clean);
            Assert.Contains(linted.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
            Assert.False(typed.Clean);
            Assert.Contains(typed.Diagnostics, d => d.Contains("BCP", StringComparison.Ordinal) && d.Contains("enableRbacAuthorisation", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parameters_SecretsComeFromTheEnvironmentOfTheDeployingShell()
    {
        var compilation = Bicep.Compile(Path.Combine(Bicep.Infra, "main.dev.bicepparam"), new Dictionary<string, string>
        {
            ["AFTERSALES_LINK_SIGNING_KEY"] = "bGluay1rZXktZm9yLXRoZS1wYXJhbWV0ZXJzLXRlc3QtMDEyMzQ1Njc4OQ==",
            ["AFTERSALES_SMS_EVENT_KEY"] = "event-key-0123456789",
            ["AFTERSALES_SMS_FROM"] = "+18005550100",
            ["AFTERSALES_DELIVERY_REPORTS"] = "true",
            ["AFTERSALES_SMS_PROVIDER"] = "aliyun",
            ["AFTERSALES_SMS_TEMPLATES"] = "{\"requestReceived\": \"SMS_465000001\", \"jobOffered\": \"SMS_465000011\"}",
            ["AFTERSALES_ALIYUN_ACCESS_KEY_ID"] = "LTAI5tExampleKeyId",
        });

        Assert.True(compilation.Clean, string.Join('\n', compilation.Diagnostics));
        var parameters = compilation.Json!["parameters"]!;
        Assert.Equal("dev", parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("event-key-0123456789", parameters["smsEventKey"]!["value"]!.GetValue<string>());
        Assert.Equal("+18005550100", parameters["smsFrom"]!["value"]!.GetValue<string>());
        Assert.True(parameters["subscribeDeliveryReports"]!["value"]!.GetValue<bool>());
        Assert.Equal("aliyun", parameters["smsProvider"]!["value"]!.GetValue<string>());
        Assert.Equal("SMS_465000011", parameters["smsTemplates"]!["value"]!["jobOffered"]!.GetValue<string>());
        Assert.Equal("LTAI5tExampleKeyId", parameters["aliyunAccessKeyId"]!["value"]!.GetValue<string>());
        foreach (var file in new[] { "main.dev.bicepparam", "main.prod.bicepparam" })
        {
            var text = File.ReadAllText(Path.Combine(Bicep.Infra, file));
            Assert.Contains("readEnvironmentVariable('AFTERSALES_LINK_SIGNING_KEY'", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Storage_NoKeysNoPublicBlobsTls12_AndSignaturesAreWriteOnce()
    {
        var account = Resource("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(account["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account["minimumTlsVersion"]!.GetValue<string>());

        Assert.True(Resource("Microsoft.Storage/storageAccounts/blobServices")["properties"]!["isVersioningEnabled"]!.GetValue<bool>());
        var signatures = Resources("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(c => c["properties"]?["immutableStorageWithVersioning"] is not null);
        Assert.True(signatures["properties"]!["immutableStorageWithVersioning"]!["enabled"]!.GetValue<bool>());
        Assert.Contains("signaturesContainer", signatures["name"]!.ToString(), StringComparison.Ordinal);
        Assert.All(Resources("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", c["properties"]!["publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void StorageNames_AreTheOnesTheAppUses()
    {
        var names = JsonNode.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "storage-names.json")))!;
        var app = new StorageOptions();

        Assert.Equal(app.Tables.Order(StringComparer.Ordinal), names["tables"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(app.SignaturesContainer, names["signaturesContainer"]!.GetValue<string>());
        Assert.Equal(app.ReportsContainer, names["reportsContainer"]!.GetValue<string>());
        Assert.Equal(app.LocksContainer, names["locksContainer"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionApp_IsAnIsolatedDotnet10WorkerOnFlexConsumption_WithItsOwnIdentity()
    {
        var plan = Resource("Microsoft.Web/serverfarms");
        var site = Resource("Microsoft.Web/sites");

        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
        Assert.Equal("functionapp,linux", site["kind"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", site["identity"]!["type"]!.GetValue<string>());
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("SystemAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void AppSettings_NoStorageKey_SecretsAreKeyVaultReferences_AndEveryNameIsASettingTheAppReads()
    {
        var settings = AppSettings();
        var template = Main.Value.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }); // quotes as written

        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.DoesNotContain(settings.Keys, k => k == "AzureWebJobsStorage");
        Assert.DoesNotContain("AccountKey=", template, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys(resourceId('Microsoft.Storage", template, StringComparison.Ordinal);
        Assert.Contains(settings.Keys, k => k == "Sms__AcsEndpoint");
        Assert.Contains(settings.Keys, k => k == "Sms__AcsConnectionString");
        Assert.Contains(settings.Keys, k => k == "Auth__Entra__ClientId");
        Assert.Contains(settings["Sms__Provider"], new[] { "'aliyun'", "'tencent'" });
        Assert.Contains(settings.Keys, k => k == "Sms__Aliyun__AccessKeyId");
        Assert.Contains(settings.Keys, k => k == "Sms__Tencent__SdkAppId");
        Assert.Contains(settings.Keys, k => k == "Sms__InternationalProvider");
        foreach (var secret in new[]
        {
            "CustomerLinks__SigningKey", "Sms__EventKey", "Auth__ApiKeys__0__Key", "Console__KeyProtectionCertificate", "Sms__Aliyun__AccessKeySecret", "Sms__Tencent__SecretKey",
        })
        {
            Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/", settings[secret], StringComparison.Ordinal);
        }

        var platform = new[] { "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" };
        var identityKeys = new[] { "accountName", "credential", "clientId", "blobServiceUri", "queueServiceUri", "tableServiceUri" };
        foreach (var name in settings.Keys.Where(k => !platform.Contains(k)))
        {
            var path = name.Split("__");
            if (path[0] == StorageOptions.ConnectionSetting)
            {
                Assert.Contains(path[1], identityKeys);
                continue;
            }

            Assert.True(Binds(path), $"App setting {name} is not a setting the app reads.");
        }

        // The approved templates' settings, one per notification the template is given.
        foreach (var format in new[] { "Sms__Aliyun__Templates__{0}__Code", "Sms__Tencent__Templates__{0}__Id" })
        {
            Assert.Contains($"format('{format}'", template, StringComparison.Ordinal);
            Assert.True(Binds(string.Format(CultureInfo.InvariantCulture, format, "jobOffered").Split("__")), format);
        }
    }

    [Fact]
    public void Roles_GiveTheAppsIdentityDataAccessSecretsSmsAndTelemetry()
    {
        var definitions = Main.Value.Descendants().OfType<JsonObject>()
            .Select(o => o["variables"]?["role"]).OfType<JsonObject>().Single()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var assigned = Resources("Microsoft.Authorization/roleAssignments")
            .Select(r => Regex.Match(r["properties"]!["roleDefinitionId"]!.ToString(), @"variables\('role'\)\.(\w+)").Groups[1].Value)
            .Select(key => definitions[key])
            .ToList();

        Assert.Equal(
            new[]
            {
                "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
                "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor (the durable task hub)
                "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
                "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
                "09976791-48a7-449e-bb21-39d1a415f350", // Communication and Email Service Owner
                "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            }.Order(StringComparer.Ordinal),
            assigned.Order(StringComparer.Ordinal));
        Assert.True(Resource("Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public void DeliveryReports_GoToTheSmsWebhook_WithTheEventKeyInItsAddress()
    {
        var subscription = Resource("Microsoft.EventGrid/systemTopics/eventSubscriptions")["properties"]!;
        var endpoint = subscription["destination"]!["properties"]!["endpointUrl"]!.GetValue<string>();
        var module = Main.Value.Descendants().OfType<JsonObject>()
            .Single(o => o["type"]?.ToString() == "Microsoft.Resources/deployments" && o["name"]?.ToString() == "delivery-reports");

        Assert.Equal("Microsoft.Communication.SMSDeliveryReportReceived", subscription["filter"]!["includedEventTypes"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("EventGridSchema", subscription["eventDeliverySchema"]!.GetValue<string>());
        // The key reaches the app with the validation handshake too, as ?key= (what SmsApi reads first).
        Assert.Equal("[format('https://{0}/api/events/sms?key={1}', parameters('hostName'), uriComponent(parameters('eventKey')))]", endpoint);
        Assert.Equal("securestring", module["properties"]!["template"]!["parameters"]!["eventKey"]!["type"]!.GetValue<string>());
        Assert.Equal("sms-event-key", module["properties"]!["parameters"]!["eventKey"]!["reference"]!["secretName"]!.GetValue<string>());
        Assert.Equal("Microsoft.Communication.CommunicationServices", Resource("Microsoft.EventGrid/systemTopics")["properties"]!["topicType"]!.GetValue<string>());
    }

    [Fact]
    public void Outputs_IncludeTheAppUrl()
    {
        var outputs = Main.Value["outputs"]!.AsObject();

        Assert.Contains("appUrl", outputs.Select(o => o.Key));
        Assert.StartsWith("[format('https://{0}'", outputs["appUrl"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Whether configuration path <paramref name="path"/> (Section, Property, [index], Property…) binds to an options class.</summary>
    private static bool Binds(string[] path)
    {
        var sections = new[] { typeof(StorageOptions), typeof(SmsOptions), typeof(CustomerLinkOptions), typeof(BusinessOptions), typeof(AuthOptions), typeof(Functions.Auth.ConsoleOptions) };
        var type = sections.SingleOrDefault(t => (string?)t.GetField("Section")?.GetValue(null) == path[0]);
        foreach (var segment in path.Skip(1))
        {
            if (type is null)
            {
                return false;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                type = type.GetGenericArguments()[1]; // any key
                continue;
            }

            if (int.TryParse(segment, out _) && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
            {
                type = type.IsGenericType ? type.GetGenericArguments()[^1] : null;
                continue;
            }

            type = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
        }

        return type is not null;
    }

    /// <summary>
    /// The app settings as (name, ARM expression of the value): the fixed createObject(...) of the settings
    /// resource and those of the conditional variables, with <c>variables('secret').x</c> replaced by the secret's
    /// expression.
    /// </summary>
    private static Dictionary<string, string> AppSettings()
    {
        var variables = Main.Value.Descendants().OfType<JsonObject>()
            .Select(o => o["variables"]).OfType<JsonObject>()
            .Single(v => v["secret"] is not null);
        var secrets = variables["secret"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var expressions = new[] { Resources("Microsoft.Web/sites/config").Single()["properties"]!.GetValue<string>() }
            .Concat(new[] { "smsSettings", "chinaSmsSettings", "entraSettings", "consoleSettings" }.Select(v => variables[v]!.GetValue<string>()));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var expression in expressions)
        {
            foreach (Match call in Regex.Matches(expression, @"createObject\("))
            {
                var arguments = Arguments(expression, call.Index + call.Length);
                for (var i = 0; i + 1 < arguments.Count; i += 2)
                {
                    var value = arguments[i + 1];
                    if (Regex.Match(value, @"^variables\('secret'\)\.(\w+)$") is { Success: true } secret)
                    {
                        value = secrets[secret.Groups[1].Value];
                    }

                    settings[arguments[i].Trim('\'')] = value;
                }
            }
        }

        return settings;
    }

    /// <summary>The top-level arguments of the call whose argument list starts at <paramref name="start"/>.</summary>
    private static List<string> Arguments(string expression, int start)
    {
        var arguments = new List<string>();
        var (depth, quoted, from) = (0, false, start);
        for (var i = start; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && (c == ',' || c == ')') && depth == 0)
            {
                if (i > from)
                {
                    arguments.Add(expression[from..i].Trim());
                }

                if (c == ')')
                {
                    break;
                }

                from = i + 1;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
        }

        return arguments;
    }

    private static JsonNode Resource(string type) => Resources(type).Single();

    private static List<JsonNode> Resources(string type) =>
        Main.Value.Descendants().OfType<JsonObject>()
            .Where(o => o["type"] is JsonValue t && t.TryGetValue<string>(out var s) && s == type && o["apiVersion"] is not null)
            .Cast<JsonNode>()
            .ToList();
}

internal static class JsonTree
{
    public static IEnumerable<JsonNode> Descendants(this JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in child.Descendants())
            {
                yield return descendant;
            }
        }
    }
}
