using System.Xml.Linq;
using Mono.Cecil;

namespace AfterSales.Architecture.Tests;

/// <summary>
/// What may reference what (docs/architecture.md): the layers' project references, the assemblies each layer compiles
/// against, and no cycle between the product's namespaces — read from the built assemblies, method bodies included.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Projects = ["AfterSales.Domain", "AfterSales.Application", "AfterSales.Infrastructure", "AfterSales.Web", "AfterSales.Functions"];

    /// <summary>Each project's own references: the pages and the application never reach the API host or the stores.</summary>
    public static TheoryData<string, string[]> Layers => new()
    {
        { "AfterSales.Domain", [] },
        { "AfterSales.Application", ["AfterSales.Domain"] },
        { "AfterSales.Infrastructure", ["AfterSales.Application"] },
        { "AfterSales.Web", ["AfterSales.Application"] },
        { "AfterSales.Functions", ["AfterSales.Infrastructure", "AfterSales.Web"] },
    };

    private static readonly Lazy<IReadOnlyDictionary<string, ModuleDefinition>> Modules = new(() =>
        Projects.ToDictionary(p => p, p => ModuleDefinition.ReadModule(Path.Combine(AppContext.BaseDirectory, p + ".dll"))));

    [Theory]
    [MemberData(nameof(Layers))]
    public void EachProject_ReferencesOnlyTheLayersBelowIt(string project, string[] expected)
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, project + ".csproj"));
        var references = csproj.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(expected.Order(StringComparer.Ordinal), references);
    }

    [Theory]
    [InlineData("AfterSales.Domain", new[] { "AfterSales.", "Microsoft.AspNetCore", "Azure", "Microsoft.Extensions", "Microsoft.DurableTask" })]
    [InlineData("AfterSales.Application", new[] { "AfterSales.Infrastructure", "AfterSales.Web", "AfterSales.Functions", "Microsoft.AspNetCore", "Azure" })]
    [InlineData("AfterSales.Web", new[] { "AfterSales.Infrastructure", "AfterSales.Functions", "Azure", "Microsoft.DurableTask" })]
    [InlineData("AfterSales.Infrastructure", new[] { "AfterSales.Web", "AfterSales.Functions", "Microsoft.AspNetCore" })]
    public void EachAssembly_CompilesAgainstNothingAboveIt(string project, string[] forbidden)
    {
        var referenced = Modules.Value[project].AssemblyReferences.Select(a => a.Name).ToList();

        Assert.DoesNotContain(referenced, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void ThePagesCallNoEndpoint_AndNoStoreImplementation()
    {
        var used = Dependencies(Modules.Value["AfterSales.Web"]).SelectMany(d => d.Value).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(used, n => n.StartsWith("AfterSales.Functions", StringComparison.Ordinal) || n.StartsWith("AfterSales.Infrastructure", StringComparison.Ordinal));
    }

    /// <summary>
    /// The cycles the domain and the application grew before this check existed (docs/architecture.md, "Namespace
    /// cycles"): they may shrink, never grow — a cycle that is not inside one of these fails the test.
    /// </summary>
    private static readonly HashSet<string>[] KnownCycles =
    [
        new(StringComparer.Ordinal)
        {
            "AfterSales.Domain.Classification", "AfterSales.Domain.Dispatch", "AfterSales.Domain.Lifecycle", "AfterSales.Domain.Sla", "AfterSales.Domain.Tickets",
        },
        new(StringComparer.Ordinal)
        {
            "AfterSales.Application.Customers", "AfterSales.Application.Dispatch", "AfterSales.Application.Escalations", "AfterSales.Application.FollowUps",
            "AfterSales.Application.Inbox", "AfterSales.Application.Lifecycle", "AfterSales.Application.Notifications", "AfterSales.Application.Reports",
            "AfterSales.Application.Tickets", "AfterSales.Application.Workflow",
        },
    ];

    [Fact]
    public void NoTwoNamespaces_DependOnEachOther_EvenThroughOthers()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var module in Modules.Value.Values)
        {
            foreach (var (from, to) in Dependencies(module))
            {
                if (!graph.TryGetValue(from, out var edges))
                {
                    graph[from] = edges = new HashSet<string>(StringComparer.Ordinal);
                }

                edges.UnionWith(to.Where(t => t != from && t.StartsWith("AfterSales.", StringComparison.Ordinal)));
            }
        }

        var cycles = StronglyConnected(graph)
            .Where(c => c.Count > 1 && !KnownCycles.Any(known => c.All(known.Contains)))
            .Select(c => string.Join(" ⇄ ", c.Order(StringComparer.Ordinal)))
            .ToList();

        Assert.True(cycles.Count == 0, "Namespaces that depend on each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheCycleCheck_FindsACycle()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A"],
            ["D"] = ["A"],
        };

        var components = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        Assert.Equal(["A", "B", "C"], Assert.Single(components).Order(StringComparer.Ordinal));
    }

    /// <summary>Every namespace of <paramref name="module"/> and the namespaces its types use: signatures, fields, attributes and method bodies.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(ModuleDefinition module)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from.Length == 0)
            {
                continue;
            }

            if (!result.TryGetValue(from, out var used))
            {
                result[from] = used = new HashSet<string>(StringComparer.Ordinal);
            }

            void Add(TypeReference? reference)
            {
                if (reference is null)
                {
                    return;
                }

                switch (reference)
                {
                    case GenericInstanceType generic:
                        Add(generic.ElementType);
                        foreach (var argument in generic.GenericArguments)
                        {
                            Add(argument);
                        }

                        return;
                    case TypeSpecification specification:
                        Add(specification.ElementType);
                        return;
                    case GenericParameter:
                        return;
                }

                var ns = NamespaceOf(reference);
                if (ns.Length > 0)
                {
                    used.Add(ns);
                }
            }

            Add(type.BaseType);
            foreach (var i in type.Interfaces)
            {
                Add(i.InterfaceType);
            }

            foreach (var attribute in type.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }

            foreach (var field in type.Fields)
            {
                Add(field.FieldType);
            }

            foreach (var property in type.Properties)
            {
                Add(property.PropertyType);
            }

            foreach (var method in type.Methods)
            {
                Add(method.ReturnType);
                foreach (var parameter in method.Parameters)
                {
                    Add(parameter.ParameterType);
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var variable in method.Body.Variables)
                {
                    Add(variable.VariableType);
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference t:
                            Add(t);
                            break;
                        case MethodReference m:
                            Add(m.DeclaringType);
                            Add(m.ReturnType);
                            if (m is GenericInstanceMethod g)
                            {
                                foreach (var argument in g.GenericArguments)
                                {
                                    Add(argument);
                                }
                            }

                            break;
                        case FieldReference f:
                            Add(f.DeclaringType);
                            break;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>A type's namespace; a nested type's is its outermost type's (compiler-made closures and state machines included).</summary>
    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    /// <summary>Tarjan's strongly connected components of a directed graph.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], index[target]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys.ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AfterSales.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests inside the repository (AfterSales.Functions.sln not found above the test's folder).");
    }
}
