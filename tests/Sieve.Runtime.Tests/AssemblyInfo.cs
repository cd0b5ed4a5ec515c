// What these tests exercise (patching and loading linux-x64 shared objects) exists only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
