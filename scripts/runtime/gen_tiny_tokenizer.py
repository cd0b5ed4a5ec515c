#!/usr/bin/python3
"""Trains the tiny Llama-style SentencePiece model the runtime tests use, and records python sentencepiece's ids
and decodings for a set of strings as the oracle the C# tokenizer is checked against.

Run with Debian's python3-sentencepiece (./setup.sh --dev installs it):
    /usr/bin/python3 scripts/runtime/gen_tiny_tokenizer.py tests/Sieve.Runtime.Tests/Data
Writes tiny-llama.model (checked in; the tests need no python) and tiny-llama-expected.json.
"""
import io
import json
import random
import sys

import sentencepiece as spm

# A corpus with words, digits, punctuation, newlines and a few non-ASCII letters, so the model has merges, split
# digits and byte-fallback pieces like Llama's tokenizer.model.
CORPUS = [
    "USER: What is shown in this image? ASSISTANT: A molecule drawn as a skeletal formula.",
    "The compound of claim 1, wherein R1 is methyl, ethyl or propyl and R2 is hydrogen.",
    "A pharmaceutical composition comprising the compound of any one of claims 1 to 12.",
    "Describe the image in detail. The structure shows a benzene ring with two substituents.",
    "Is the molecule covered by the Markush claim? Yes, the substituent at position 4 is chlorine.",
    "Patent EP 1234567 B1 claims 2-(4-chlorophenyl)-N-methylacetamide and its salts.",
    "temperature 25 degrees, yield 87%, melting point 132-134 C.",
    "café naïve résumé über straße",
    "   leading spaces and  double  spaces\tand tabs\n\nnew lines",
]

EXPECTED_INPUTS = [
    "Hello world",
    "USER: What is shown in this image? ASSISTANT:",
    "The compound of claim 12, wherein R1 is methyl.",
    "  two leading spaces and trailing ",
    "line one\nline two\n",
    "café über 中文 🙂",
    "1234567890",
    "",
]

# As in llava-hf: <image> is an added token right after the SentencePiece vocabulary.
IMAGE_ID = 400
IMAGE_PROMPTS = [
    ["USER: ", "<image>", "\nWhat is shown in this image? ASSISTANT:"],
    ["<image>", "\n", "<image>", " Compare the two molecules."],
    ["Describe ", "<image>"],
]


def main(out_dir: str) -> None:
    text = "\n".join(CORPUS * 20)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.split("\n")),
        model_writer=model,
        model_type="bpe",
        vocab_size=400,
        byte_fallback=True,
        split_digits=True,
        allow_whitespace_only_pieces=True,
        remove_extra_whitespaces=False,
        add_dummy_prefix=True,
        normalization_rule_name="identity",
        character_coverage=1.0,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    data = model.getvalue()
    with open(f"{out_dir}/tiny-llama.model", "wb") as f:
        f.write(data)

    sp = spm.SentencePieceProcessor(model_proto=data)
    cases = []
    for s in EXPECTED_INPUTS:
        ids = sp.encode(s)
        cases.append({"text": s, "ids": ids, "pieces": sp.id_to_piece(ids), "decoded": sp.decode(ids)})
    # HF LlamaTokenizer with added tokens: the text is split at them and each piece of text encoded on its own.
    # legacy=True encodes every piece with the dummy prefix; legacy=False only the first (later pieces are encoded
    # behind the unk token, whose pieces are then dropped).
    unk_len = len(sp.encode(sp.id_to_piece(sp.unk_id()), out_type=str))

    def hf_encode(parts, legacy):
        ids, first = [], True
        for part in parts:
            if part == "<image>":
                ids.append(IMAGE_ID)
            elif part:
                if legacy or first:
                    ids += sp.encode(part)
                else:
                    pieces = sp.encode(sp.id_to_piece(sp.unk_id()) + part, out_type=str)[unk_len:]
                    ids += [sp.piece_to_id(p) for p in pieces]
            first = False
        return ids

    image_cases = []
    for parts in IMAGE_PROMPTS:
        image_cases.append({"text": "".join(parts),
                            "legacy_ids": hf_encode(parts, True),
                            "non_legacy_ids": hf_encode(parts, False)})
    # Decoding oracle for odd sequences: lone and split byte pieces, leading "▁" pieces, control ids.
    rng = random.Random(1234)
    odd = [[341, 341, 338], [231, 187, 341, 338], [206, 271, 28, 297, 388, 80], [1, 341, 338, 2], [243, 162, 341, 156, 133]]
    odd += [[rng.randrange(3, 400) for _ in range(rng.randrange(1, 12))] for _ in range(40)]
    decode_cases = [{"ids": ids, "decoded": sp.decode(ids)} for ids in odd]
    expected = {"vocab_size": sp.get_piece_size(), "bos_id": sp.bos_id(), "eos_id": sp.eos_id(), "unk_id": sp.unk_id(), "cases": cases,
                "image_token_id": IMAGE_ID, "image_cases": image_cases,
                "decode_cases": decode_cases}
    with open(f"{out_dir}/tiny-llama-expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
