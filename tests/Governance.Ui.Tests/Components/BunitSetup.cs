using System.Globalization;
using Bunit;
using Governance.Server.Ui.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Governance.Ui.Tests.Components;

/// <summary>A bUnit context with what the UI's components need: MudBlazor, the operations, a culture.</summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest(string culture = "zh-CN")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddHttpContextAccessor();
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<UiOperations>();
        AddAuthorization();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xUnit disposes here first.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
