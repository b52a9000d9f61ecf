using System.Net;
using AfterSales.Application.Timers;
using AfterSales.Infrastructure.Storage;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AfterSales.Infrastructure.Locks;

/// <summary>
/// A singleton lock as the Functions host makes one: a 60-second lease on a blob, renewed every 20
/// seconds while held. If the holder dies, the lease lapses and another instance can take it.
/// </summary>
public sealed class BlobLeaseSingletonLock(StorageClients storage, TimeProvider time) : ISingletonLock
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(storage.Options.LocksContainer, cancellationToken);
        var blob = container.GetBlobClient($"{name}.lock");
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // The lock blob exists already (possibly leased): that is the normal case.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return null;
        }

        return new Held(lease, time);
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient _lease;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewal;

        public Held(BlobLeaseClient lease, TimeProvider time)
        {
            _lease = lease;
            _renewal = RenewAsync(time, _stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewal;
            try
            {
                await _lease.ReleaseAsync();
            }
            catch (RequestFailedException)
            {
                // Lapsed or taken over: nothing to release.
            }

            _stop.Dispose();
        }

        private async Task RenewAsync(TimeProvider time, CancellationToken stop)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(RenewEvery, time, stop);
                    await _lease.RenewAsync(cancellationToken: stop);
                }
            }
            catch (OperationCanceledException)
            {
                // Released by the holder.
            }
            catch (RequestFailedException)
            {
                // Lost the lease (storage outage longer than the lease): the next run takes it again.
            }
        }
    }
}
