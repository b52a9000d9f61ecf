using Microsoft.AspNetCore.Components;

namespace AfterSales.Web.Pages;

/// <summary>What every customer page is given: its words in the reader's language, the response's CSP nonce and the language link.</summary>
public abstract class CustomerPageBase : ComponentBase
{
    [Parameter, EditorRequired] public PageText Text { get; set; } = default!;

    /// <summary>The same page in the other language; null shows no link.</summary>
    [Parameter] public string? SwitchHref { get; set; }
}
