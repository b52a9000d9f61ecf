using AfterSales.CalendarBenchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/AfterSales.CalendarBenchmarks [-- BenchmarkDotNet options]
BenchmarkRunner.Run<CalendarBenchmarks>(args: args);
