using System.ComponentModel.DataAnnotations;

namespace AfterSales.Infrastructure.Durable;

/// <summary>
/// The standalone durable engine (the Durable Task Framework's Azure Storage provider on the app's storage account):
/// section <c>Durable</c>. The task hub's queues, tables and containers carry <c>Storage:NamePrefix</c> too.
/// </summary>
public sealed class DurableOptions
{
    public const string Section = "Durable";

    /// <summary>The task hub: 3-45 letters and digits, starting with a letter (the prefix is put in front).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHub { get; set; } = "AfterSales";

    /// <summary>Control-queue partitions: how many instances can spread the orchestrations (1-16).</summary>
    [Range(1, 16)]
    public int Partitions { get; set; } = 4;

    /// <summary>
    /// The longest an idle queue waits between polls. The provider's default (30 s) makes an event raised from
    /// another process arrive seconds late (measured 0.4-4.7 s); 2 s keeps it within about half a second to two
    /// seconds at a few requests a second per idle queue.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a queue message an instance has taken stays hidden from the others. When an instance dies with a message
    /// in hand (an orchestration step or an activity), the work goes on elsewhere after this long. The provider's
    /// default, 5 minutes, left a ticket's orchestration standing that long after a crash (the crash suite found it);
    /// the orchestration's steps and activities take milliseconds to seconds, so one minute is ample.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:05:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
