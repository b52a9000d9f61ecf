using System.Reflection;
using AfterSales.Application.Tickets;
using AfterSales.Web.Console;
using Microsoft.AspNetCore.Components;

namespace AfterSales.Functions.Tests;

/// <summary>
/// Every input of every console form lands in a field of the model the framework binds it into: an input whose name
/// is no field's path would be dropped without a word, so a renamed request field fails here, not on a user's form.
/// </summary>
public sealed class ConsoleFormBindingTests
{
    public static TheoryData<string> Commands => [.. AfterSales.Application.Lifecycle.TicketCommandRequests.All.Select(c => c.Route)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void EachInputOfACommandsForm_IsAFieldOfItsRequestRecord_AndEachListIsBoundByRow(string route)
    {
        var command = AfterSales.Application.Lifecycle.TicketCommandRequests.Find(route)!;
        var items = ConsoleForms.For(route);
        AssertBound(items, command.RequestType);
        foreach (var list in items.OfType<FormList>())
        {
            var rows = typeof(CommandForm).GetProperties().SingleOrDefault(p => p.GetCustomAttribute<SupplyParameterFromFormAttribute>()?.Name == list.Path);
            Assert.True(rows is not null, $"{route}: no binding of the rows of '{list.Path}' on the command form");
            Assert.Equal(typeof(Dictionary<,>).MakeGenericType(typeof(int), ElementOf(Property(command.RequestType, list.Path)!.PropertyType)!), rows!.PropertyType);
        }
    }

    [Fact]
    public void EachInputOfTheRegistrationAndTeamForms_IsAFieldOfTheModelTheyAreBoundInto()
    {
        AssertBound(ConsoleForms.Intake, typeof(TicketIntakeRequest));
        AssertBound(ConsoleForms.Engineer(isNew: true), typeof(EngineerFormModel));
        AssertBound(ConsoleForms.Department, typeof(DepartmentFormModel));
    }

    [Fact]
    public void AnInputNamedForNoField_IsFound()
    {
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertBound([new FormField("customer.nmae")], typeof(TicketIntakeRequest)));
        Assert.Contains("customer.nmae", error.Message, StringComparison.Ordinal);
    }

    private static void AssertBound(IReadOnlyList<FormItem> items, Type model)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case FormField field:
                    Assert.True(Property(model, field.Path) is not null, $"{model.Name} has no field '{field.Path}' for the input of that name");
                    break;
                case FormList list:
                    var element = Property(model, list.Path) is { } property ? ElementOf(property.PropertyType) : null;
                    Assert.True(element is not null, $"{model.Name} has no list '{list.Path}'");
                    foreach (var field in list.Fields)
                    {
                        Assert.True(Property(element!, field.Path) is not null, $"{element!.Name} has no field '{field.Path}' for the inputs {list.Path}[n].{field.Path}");
                    }

                    break;
            }
        }
    }

    /// <summary>The property at a dotted path, matched as the form binding matches names (case-insensitive).</summary>
    private static PropertyInfo? Property(Type type, string path)
    {
        PropertyInfo? property = null;
        foreach (var name in path.Split('.'))
        {
            property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return property;
    }

    private static Type? ElementOf(Type list) =>
        list.IsGenericType && list.GetGenericTypeDefinition() == typeof(List<>) ? list.GetGenericArguments()[0]
        : list.IsGenericType && list.GetGenericTypeDefinition() == typeof(Dictionary<,>) && list.GetGenericArguments()[0] == typeof(int) ? list.GetGenericArguments()[1]
        : null;
}
