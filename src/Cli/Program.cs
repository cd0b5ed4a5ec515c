using Sieve.Cli;

return SieveCommandLine.Run(args, Sieve.Cli.Io.Terminal.FromConsole);
