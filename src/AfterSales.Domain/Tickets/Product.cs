namespace AfterSales.Domain.Tickets;

/// <summary>The product a request is about (Template 1).</summary>
/// <param name="Model">Product model (产品型号).</param>
/// <param name="SerialNumber">Serial number, when the customer can read it.</param>
/// <param name="PurchaseDate">Purchase date (购买日期).</param>
/// <param name="Warranty">Warranty status (保修状态).</param>
/// <param name="Line">Product line (产品线), when known; dispatch matches it to engineers' skills.</param>
public sealed record Product(string Model, string? SerialNumber, DateOnly PurchaseDate, WarrantyStatus Warranty, string? Line = null);
