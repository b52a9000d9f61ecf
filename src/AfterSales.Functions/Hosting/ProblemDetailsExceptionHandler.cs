using AfterSales.Application.Customers;
using AfterSales.Web.Pages;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Functions.Hosting;

/// <summary>
/// Faults that are not the caller's (bugs, storage outages) become ProblemDetails with a trace id.
/// Nothing was half-written: every change is a single atomic write, so the caller can retry.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problems, CustomerLinks links, TimeProvider time, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var storageDown = IsStorageOutage(exception);
        LogUnhandled(logger, exception, httpContext.Request.Method, LoggedPath.For(httpContext.Request.Path, links, time.GetUtcNow()));
        if (httpContext.Request.Path.StartsWithSegments(CustomerLinks.PagePath.TrimEnd('/'), StringComparison.Ordinal))
        {
            var status = storageDown ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            await CustomerPages.Fault(httpContext.Request, links.Options.ContactPhone, status).ExecuteAsync(httpContext);
            return true;
        }

        var problem = storageDown
            ? new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable",
                Detail = "The ticket store could not be reached, so nothing was changed. Retry in a moment (with the same Idempotency-Key); see /api/health.",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Unexpected error",
                Detail = "Something went wrong on our side and nothing was changed. Retry; if it keeps failing, report the traceId to support.",
            };
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Connection failures and 5xx answers of storage, however the SDK wrapped them (it retries first).</summary>
    private static bool IsStorageOutage(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        HttpRequestException or System.Net.Sockets.SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStorageOutage),
        { InnerException: { } inner } => IsStorageOutage(inner),
        _ => false,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Unhandled fault in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
