using AfterSales.Application;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Infrastructure.Storage;
using AfterSales.Testing;
using Microsoft.Extensions.Options;

namespace AfterSales.Infrastructure.Tests;

internal static class TestStorage
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static StorageClients Clients(AzuriteFixture azurite, string? prefix = null, Azure.Core.Pipeline.HttpPipelinePolicy? counter = null) =>
        new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, NamePrefix = prefix ?? azurite.NewPrefix() }),
            policies: counter is null ? null : [counter]);

    public static IOptions<BusinessOptions> Business { get; } = Options.Create(new BusinessOptions());

    public static (Ticket Ticket, TicketEvent Event) NewTicket(DateTimeOffset at, int sequence, Channel channel = Channel.Phone)
    {
        var random = new byte[10];
        Random.Shared.NextBytes(random);
        var intake = new TicketIntake(
            new Customer("赵", CustomerTitle.Mr, PhoneNumber.FromE164("+8613812345678"), "广州市天河区"),
            new Product("AC-1", null, new DateOnly(2025, 1, 1), WarrantyStatus.InWarranty),
            channel, null, null, new ProblemDescription("不制冷", null, null), Urgency.Normal, null);
        return Ticket.Receive(
            TicketId.Create(at, random),
            TicketNumber.Create("AS", Domain.Time.BusinessTime.LocalDate(at, Shanghai), sequence),
            intake,
            new Actor("test", "agent"),
            at,
            Shanghai);
    }

    /// <summary>Every page of <paramref name="query"/>, each no longer than its page size (at most 100 pages).</summary>
    public static async Task<List<Ticket>> ReadAllAsync(Tickets.TableTicketStore store, Application.Tickets.TicketQuery query)
    {
        var items = new List<Ticket>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await store.ListAsync(query with { ContinuationToken = token }, CancellationToken.None);
            Assert.True(page.Items.Count <= query.PageSize);
            items.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 100);

        return items;
    }
}
