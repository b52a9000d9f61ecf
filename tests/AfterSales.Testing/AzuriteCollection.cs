namespace AfterSales.Testing;

/// <summary>Name of the xunit collection that shares one <see cref="AzuriteFixture"/>.</summary>
public static class AzuriteCollection
{
    public const string Name = "Azurite";
}
