using System.Security.Cryptography.X509Certificates;
using Governance.Server.Access;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Core;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Server.Identity;

public static class IdentityExtensions
{
    public static WebApplicationBuilder AddGovernanceIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(TokenServerOptions.Section);
        builder.Services.AddOptions<TokenServerOptions>().Bind(section);
        var options = section.Get<TokenServerOptions>() ?? new TokenServerOptions();
        var development = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");

        // ./run.sh serves plain http on 127.0.0.1: locally, https is only required when asked for.
        if (development && section[nameof(TokenServerOptions.RequireHttps)] is null)
        {
            options.RequireHttps = false;
            builder.Services.PostConfigure<TokenServerOptions>(o => o.RequireHttps = false);
        }

        StartupSecrets.Check(builder.Environment, options, builder.Configuration);

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAccountStores();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = options.InvitationLifetime);
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/account/login";
                c.LogoutPath = "/account/logout";
                c.Cookie.Name = "governance.session";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.Cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                c.ExpireTimeSpan = TimeSpan.FromHours(8);
            }));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "governance.antiforgery";
            o.Cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        builder.Services.AddOpenIddict()
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess,
                    ApiScopes.Read, ApiScopes.Write, ApiScopes.Admin);
                o.SetAccessTokenLifetime(options.AccessTokenLifetime).SetRefreshTokenLifetime(options.RefreshTokenLifetime);
                AddKeys(o, options, development);
                o.AddEventHandler(TokenRequestAudit.Descriptor);
                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!options.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        // Token lifetimes, lockouts and code expiry follow the one clock of the server (a fake one in tests).
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        builder.Services.AddOptions<OpenIddictValidationOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        builder.Services.AddOptions<OpenIddictCoreOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);

        builder.Services.AddScoped<IAccountEmails, OutboxAccountEmails>();
        builder.Services.AddScoped<StepUpService>();
        builder.Services.AddScoped<SendStepUpCodeHandler>();
        builder.Services.AddScoped<VerifyStepUpHandler>();
        builder.Services.AddScoped<AccountLinks>();
        builder.Services.AddHostedService<ClientSeedOnStartup>();
        builder.Services.AddHostedService<TokenPruning>();
        builder.Services.AddScoped<CallerContext>();
        builder.Services.AddScoped<AccessControl>();
        builder.Services.AddScoped<Auditing.AuditTrail>();
        builder.Services.AddScoped<Auditing.ListAuditEntriesHandler>();
        builder.Services.AddScoped<Auditing.VerifyAuditChainHandler>();
        builder.Services.AddScoped<SignatoryResolver>();
        builder.Services.AddScoped<IAuthorizationHandler, AdministratorHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, AllianceRoleHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, SupervisingOfficerHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, OrganizationRoleHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, SignatoryHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, EligibleVoterHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, TaskActorHandler>();
        return builder;
    }

    /// <summary>
    /// Accounts and OAuth client storage without the token server: what the seed-demo command needs
    /// to create demo accounts and the demo client.
    /// </summary>
    public static IServiceCollection AddAccountStores(this IServiceCollection services)
    {
        services
            .AddIdentityCore<Account>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<GovernanceDbContext>()
            .AddDefaultTokenProviders();
        // Keys in the database, under one application name: a cookie or antiforgery token issued by one
        // server process is read by every other (no sticky sessions behind a load balancer).
        services.AddDataProtection().SetApplicationName("governance").PersistKeysToDbContext<GovernanceDbContext>();
        services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<GovernanceDbContext>());
        services.AddScoped<ClientRegistrar>();
        return services;
    }

    public static WebApplication UseGovernanceIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapGovernanceIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapConnectEndpoints();
        app.MapLoginPages();
        app.MapClientAdministration();
        app.MapStepUp();
        app.MapAccountPages();
        Auditing.AuditEndpoints.MapAudit(app);
        return app;
    }

    private static void AddKeys(OpenIddictServerBuilder server, TokenServerOptions options, bool development)
    {
        if (options.SigningCertificatePath is { Length: > 0 } signing && options.EncryptionCertificatePath is { Length: > 0 } encryption)
        {
            server.AddSigningCertificate(LoadCertificate(signing, options.SigningCertificatePassword));
            server.AddEncryptionCertificate(LoadCertificate(encryption, options.EncryptionCertificatePassword));
            return;
        }

        if (!development)
        {
            throw new InvalidOperationException(
                "Identity:SigningCertificatePath and Identity:EncryptionCertificatePath must name PKCS#12 files outside Development.");
        }

        // Keys that live as long as the process: tokens do not survive a restart, which is fine locally.
        server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The certificate file '{path}' does not exist.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }
}

/// <summary>The administrator role, held now (a token alone is not enough: the role may have ended since).</summary>
public sealed record AdministratorRequirement : IAuthorizationRequirement;

internal sealed class AdministratorHandler(GovernanceDbContext db, TimeProvider clock) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        if (Caller.From(context.User).PersonId is { } person
            && (await AccessControl.RolesOfAsync(db, person, clock.GetUtcNow(), CancellationToken.None)).IsAdministrator)
        {
            context.Succeed(requirement);
        }
    }
}
