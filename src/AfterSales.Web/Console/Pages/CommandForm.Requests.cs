using AfterSales.Application.Lifecycle;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace AfterSales.Web.Console;

/// <summary>
/// A command's form, bound by the framework into the API's own request record of the command (inputs are named by
/// the record's field paths; <see cref="FormBinding{TModel}"/>; a list's rows by their row number), then given what a form cannot say the way the API
/// is sent it: times in the business's zone as instants, and only the rows that were filled in.
/// </summary>
public partial class CommandForm
{
    private object? _bound;

    /// <summary>The parts of a visit or a quote, by their row on the form.</summary>
    [SupplyParameterFromForm(Name = "parts")] public Dictionary<int, PartRequest>? Parts { get; set; }

    /// <summary>The compensation items of a resolved complaint, by their row on the form.</summary>
    [SupplyParameterFromForm(Name = "compensation")] public Dictionary<int, CompensationRequest>? Compensation { get; set; }

    /// <summary>What the framework could not bind (a value of the wrong kind), by input name.</summary>
    [CascadingParameter] public FormMappingContext? Mapping { get; set; }

    /// <summary>The binding of the command's request record, for the form to render.</summary>
    private Type Binding => typeof(FormBinding<>).MakeGenericType(_route!.RequestType);

    private Dictionary<string, object> BindingParameters => new(StringComparer.Ordinal) { ["Bound"] = (Action<object?>)(value => _bound = value) };

    /// <summary>The request the form of <paramref name="route"/> was bound into, as the API would be sent it.</summary>
    private CommandRequest Bound(TicketCommandRoute route, BoundForm form) => _bound switch
    {
        AppointmentRequest a => a with { From = form.Moment(a.From), To = form.Moment(a.To) },
        VisitRequest v => v with { StartedAt = form.Moment(v.StartedAt), EndedAt = form.Moment(v.EndedAt), Parts = form.Rows("parts", Parts, Filled) },
        QuoteRequest q => q with { Parts = form.Rows("parts", Parts, Filled) },
        ResolveRequest r => r with { Compensation = form.Rows("compensation", Compensation, Filled) },
        CommandRequest request => request,
        _ => (CommandRequest)Activator.CreateInstance(route.RequestType)!,
    };

    // A row counts when something was typed in it; the ticks alone (a part is genuine by default) do not.
    private static bool Filled(PartRequest part) =>
        BoundForm.Text(part.PartNumber) is not null || BoundForm.Text(part.Name) is not null || part.Quantity is not null || part.UnitPrice is not null;

    private static bool Filled(CompensationRequest item) =>
        BoundForm.Text(item.Kind) is not null || BoundForm.Text(item.Description) is not null || item.Months is not null || item.Amount is not null;
}
