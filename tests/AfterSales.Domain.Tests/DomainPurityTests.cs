using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests;

/// <summary>The domain stays pure: no packages, and no member that reads the clock.</summary>
public class DomainPurityTests
{
    private static readonly string[] ClockMembers =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now", "System.DateTimeOffset.get_UtcNow",
        "System.TimeProvider.get_System", "System.Diagnostics.Stopwatch.GetTimestamp",
        "System.Environment.get_TickCount", "System.Environment.get_TickCount64",
    ];

    [Fact]
    public void DomainAssembly_ReferencesNoClock()
    {
        using var stream = File.OpenRead(typeof(Ticket).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.MemberReferences
            .Select(h => metadata.GetMemberReference(h))
            .Where(m => m.Parent.Kind == HandleKind.TypeReference)
            .Select(m =>
            {
                var type = metadata.GetTypeReference((TypeReferenceHandle)m.Parent);
                return $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}.{metadata.GetString(m.Name)}";
            })
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(referenced); // the scan itself works
        var clockReads = ClockMembers.Where(referenced.Contains).ToList();
        Assert.Empty(clockReads);
    }

    [Fact]
    public void DomainProject_HasNoPackageReferences()
    {
        var project = FindRepositoryFile("src/AfterSales.Domain/AfterSales.Domain.csproj");
        var document = XDocument.Load(project);
        Assert.Empty(document.Descendants("PackageReference"));
        Assert.Empty(document.Descendants("ProjectReference"));
    }

    private static string FindRepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
