using Sieve.Runtime.Loading;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Tokenization;

namespace Sieve.Runtime.Tests.Serving;

public sealed class LocalModelHostTests
{
    [Fact]
    public async Task A_folder_is_loaded_once_and_shared_by_every_client()
    {
        using var dir = new ScratchFolder();
        TinyChatFolder.Write(dir);
        int loads = 0;
        using var host = new LocalModelHost((folder, options) => { Interlocked.Increment(ref loads); return LocalChatModel.Load(folder, options); });

        var models = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.Get(dir.Path, new RuntimeOptions()))));
        var client = host.CreateClient(dir.Path + "/", new RuntimeOptions());

        Assert.Equal(1, loads);
        Assert.All(models, m => Assert.Same(models[0], m));
        Assert.Same(models[0], client.Model);
        Assert.Equal(1, host.Count);
    }

    [Fact]
    public void A_failed_load_names_the_problem_and_is_retried_once_the_folder_is_fixed()
    {
        using var dir = new ScratchFolder();
        using var host = new LocalModelHost();
        var e = Assert.Throws<CheckpointException>(() => host.Get(dir.Path, new RuntimeOptions()));
        Assert.Contains("config.json", e.Message);

        TinyChatFolder.Write(dir);
        File.Delete(dir.File("tokenizer.model"));
        Assert.Contains("tokenizer.model", Assert.Throws<CheckpointException>(() => host.Get(dir.Path, new RuntimeOptions())).Message);

        File.Copy(TinyTokenizer.ModelPath, dir.File("tokenizer.model"));
        File.WriteAllText(dir.File("chat_template.json"), """{"chat_template": "{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}"}""");
        Assert.Contains("chat_template", Assert.Throws<NotSupportedException>(() => host.Get(dir.Path, new RuntimeOptions())).Message);

        File.WriteAllText(dir.File("chat_template.json"), """{"chat_template": "{% if add_generation_prompt %}{{ 'ASSISTANT:' }}{% endif %}"}""");
        Assert.NotNull(host.Get(dir.Path, new RuntimeOptions()));
        Assert.Contains("no such model folder",
            Assert.Throws<CheckpointException>(() => host.Get(dir.File("missing"), new RuntimeOptions())).Message);
    }
}
