namespace Governance.Server.Api;

/// <summary>
/// The named authorization policies every endpoint sits behind. Until accounts and tokens exist
/// (the identity issue) they admit every caller; the endpoints already name the policy they need,
/// so tightening them later changes this file only.
/// </summary>
public static class Policies
{
    public const string Read = "governance.read";
    public const string Write = "governance.write";
    public const string Admin = "governance.admin";

    public static IServiceCollection AddGovernancePolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAssertion(_ => true))
            .AddPolicy(Write, p => p.RequireAssertion(_ => true))
            .AddPolicy(Admin, p => p.RequireAssertion(_ => true))
            .Services;
}
