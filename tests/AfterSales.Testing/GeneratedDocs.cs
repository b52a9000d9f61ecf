namespace AfterSales.Testing;

/// <summary>
/// Blocks of the docs that code generates (diagrams, tables), kept between two marker lines and compared with what the
/// code renders now. With <c>AFTERSALES_UPDATE_DOCS=1</c> a stale block is rewritten instead of failing.
/// </summary>
public static class GeneratedDocs
{
    /// <summary>The repository's root folder (the one with AfterSales.Functions.sln), found above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AfterSales.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with AfterSales.Functions.sln) was not found above the test binaries.");
    }

    /// <summary>
    /// Null when the block between <paramref name="begin"/> and <paramref name="end"/> in <paramref name="relativePath"/>
    /// is <paramref name="body"/> (or was just rewritten to it), else what is wrong and how to fix it.
    /// </summary>
    public static string? Check(string relativePath, string begin, string body, string end, string source, string testProject)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop <= start)
        {
            return $"{relativePath} must contain the markers {begin} and {end}.";
        }

        var rendered = $"{begin}\n{body}{end}";
        var committed = text[start..(stop + end.Length)];
        if (committed == rendered)
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable("AFTERSALES_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, text.Replace(committed, rendered, StringComparison.Ordinal));
            return null;
        }

        return $"{relativePath} is out of date with {source}. Run: AFTERSALES_UPDATE_DOCS=1 dotnet test tests/{testProject}";
    }
}
