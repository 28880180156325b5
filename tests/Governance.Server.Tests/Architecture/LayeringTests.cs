using System.Reflection;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Governance.Server.Tests.Infrastructure;

namespace Governance.Server.Tests.Architecture;

/// <summary>References point one way: Domain ← Workflows ← Server (STYLE.md).</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(AggregateRoot).Assembly;
    private static readonly Assembly Workflows = Assembly.Load("Governance.Workflows");
    private static readonly Assembly Server = typeof(GovernanceDbContext).Assembly;

    [Fact]
    public void Domain_ReferencesNothingButTheBaseLibrary()
    {
        var references = Names(Domain);

        Assert.DoesNotContain(references, r => r.StartsWith("Governance.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
        Assert.All(references, r => Assert.True(r.StartsWith("System", StringComparison.Ordinal) || r == "netstandard", r));
    }

    [Fact]
    public void Workflows_DoesNotReferenceTheServerOrItsFrameworks()
    {
        var references = Names(Workflows);

        Assert.DoesNotContain("Governance.Server", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public void ProjectFiles_PointOneWay()
    {
        var root = RepositoryPaths.Root;
        string Project(string name) => File.ReadAllText(Path.Combine(root, "src", name, name + ".csproj"));

        Assert.DoesNotContain("ProjectReference", Project("Governance.Domain"), StringComparison.Ordinal);
        Assert.Contains("Governance.Domain.csproj", Project("Governance.Workflows"), StringComparison.Ordinal);
        Assert.DoesNotContain("Governance.Server.csproj", Project("Governance.Workflows"), StringComparison.Ordinal);
        Assert.Contains("Governance.Workflows.csproj", Project("Governance.Server"), StringComparison.Ordinal);
    }

    [Fact]
    public void DomainEntities_HaveNoPublicSetters()
    {
        var publicSetters = Domain.GetTypes()
            .Where(t => t.IsClass && t.Namespace?.StartsWith("Governance.Domain", StringComparison.Ordinal) == true)
            .Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .Where(t => !IsRecord(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod?.IsPublic == true)
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        Assert.Empty(publicSetters);
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static List<string> Names(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
}
