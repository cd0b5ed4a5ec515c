using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Sieve.KernelFunctions.Paths;
using Sieve.Server.Endpoints;
using Sieve.Server.Hosting;
using Sieve.Server.Jobs;
using Sieve.Server.Mcp;
using Sieve.Server.Security;
using Sieve.Server.Telemetry;

namespace Sieve.Server;

/// <summary>Builds the agent API: Kestrel on <see cref="ServerOptions.Host"/> (loopback unless API keys exist),
/// problem+json for every error, request size limits and timeouts, API keys, the job worker, the endpoints, MCP
/// over Streamable HTTP at /mcp, /metrics and the OpenAPI document at /openapi/v1.json.</summary>
public static class SieveServer
{
    /// <param name="services">Registers what the host supplies: the chat backend (<c>IChatClient</c>), the session
    /// binding (<see cref="Chat.IChatSessionBinding"/>), or a replacement <see cref="IReportEngine"/>.</param>
    public static WebApplication Build(ServerOptions options, Action<IServiceCollection>? services = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = BindPolicy.Resolve(options.Host);
        Directory.CreateDirectory(options.DataDirectory);
        var keys = new ApiKeyStore(options.KeysDatabase);
        BindPolicy.Check(address, keys.ActiveCount());
        var root = new AllowedRoot(options.AllowedRoot);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (logging is null) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        else logging(builder.Logging);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });

        var s = builder.Services;
        s.AddSingleton(Options.Create(options));
        s.AddSingleton(keys);
        s.AddSingleton(root);
        s.AddSingleton(new JobStore(options.JobsDatabase));
        s.AddSingleton(new JobFolders(options.JobsDirectory));
        s.AddSingleton<JobQueue>();
        s.AddSingleton<JobRunner>();
        s.TryAddSingleton(TimeProvider.System);
        s.AddSingleton<ServerMetrics>();
        s.AddHostedService<JobWorker>();

        s.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        s.AddExceptionHandler<ProblemExceptionHandler>();
        s.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = Timeout(options.RequestTimeoutSeconds);
            o.AddPolicy(ChatEndpoints.TimeoutPolicy, Timeout(options.ChatTimeoutSeconds));
        });
        s.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        s.AddOpenApi();
        s.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", ServerMetrics.MeterName, ServerMetrics.RuntimeMeterName)
            .AddPrometheusExporter());
        s.AddMcpServer(o => o.ServerInfo = SieveMcpInfo.Implementation)
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools(SieveMcpTools.Create(root.Root, Path.Combine(options.DataDirectory, "mcp-reports"),
                [options.DataDirectory])); // other callers' uploads are not tool input

        services?.Invoke(s);
        s.TryAddSingleton<IReportEngine, DeterministicReportEngine>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRequestTimeouts();

        HealthEndpoints.Map(app);
        ReportEndpoints.Map(app);
        BatchEndpoints.Map(app);
        ChatEndpoints.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapMcp("/mcp");
        return app;
    }

    /// <summary>The address the started server listens on (the port is known only after start when 0 was asked).</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Urls.First());
    }

    private static RequestTimeoutPolicy Timeout(int seconds) => new()
    {
        Timeout = TimeSpan.FromSeconds(seconds),
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => Hosting.Problems.Status(StatusCodes.Status504GatewayTimeout,
            $"the request took longer than {seconds} s and was cancelled").ExecuteAsync(context),
    };
}
