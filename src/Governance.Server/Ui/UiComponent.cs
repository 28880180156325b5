using System.Globalization;
using Governance.Server.Ui.Infrastructure;
using Governance.Server.Ui.Localization;
using Microsoft.AspNetCore.Components;

namespace Governance.Server.Ui;

/// <summary>Base of the UI's pages and components: the texts in the reader's language and the operations.</summary>
public abstract class UiComponent : ComponentBase
{
    [Inject]
    protected UiOperations Operations { get; set; } = default!;

    /// <summary>The texts, dates and numbers in the page's language (the signed-in person's preference).</summary>
    protected static UiText T => UiText.For(CultureInfo.CurrentUICulture);
}
