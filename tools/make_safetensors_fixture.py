#!/usr/bin/env python3
"""Writes tests/fixtures/io/torch_dtypes.safetensors: the same values as f32, and as PyTorch
rounds them to f16 and bf16, laid out by hand from the safetensors format description
(struct + json; there is no safetensors package here). The C++ test checks that Glassbox
reads this file and that its own f32 -> f16/bf16 rounding gives PyTorch's bits.

Run from the repository root:  /usr/bin/python3 tools/make_safetensors_fixture.py
Needs Debian's python3-torch.
"""
import json
import math
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "io", "torch_dtypes.safetensors")


def values():
    # Edge cases first (f16 overflow tie at 65520, subnormals, bf16 ties, infinities, NaN),
    # then seeded normal values at several scales: 64 in all, shape (8, 8).
    edge = [0.0, -0.0, 1.0, -2.0, 0.1, 1 / 3, 65504.0, 65519.0, 65520.0, 1e5,
            2.0 ** -14, 2.0 ** -24, 2.0 ** -25, 1.5 * 2.0 ** -25, 3.5 * 2.0 ** -24, 1e-8,
            1.0 + 2.0 ** -11, 1.0 + 3 * 2.0 ** -11, 1.00390625, 1.01171875,
            3.4028234663852886e38, math.inf, -math.inf, math.nan]
    g = torch.Generator().manual_seed(20261123)
    rest = torch.randn(64 - len(edge), generator=g) * torch.tensor([1e-6, 1e-3, 1.0, 1e3, 3e4]).repeat(8)[: 64 - len(edge)]
    return torch.cat([torch.tensor(edge, dtype=torch.float32), rest.float()]).reshape(8, 8)


def main():
    x = values()
    tensors = [("x", "F32", x), ("x_f16", "F16", x.to(torch.float16)), ("x_bf16", "BF16", x.to(torch.bfloat16))]
    header = {"__metadata__": {"format": "pt", "source": "tools/make_safetensors_fixture.py"}}
    data = b""
    for name, dtype, t in tensors:
        # Raw little-endian element bytes, viewed as integers so numpy is not needed.
        ints = t.contiguous().view(torch.int32 if dtype == "F32" else torch.int16).flatten().tolist()
        fmt = "<%d%s" % (len(ints), "i" if dtype == "F32" else "h")
        blob = struct.pack(fmt, *ints)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)
    print("wrote", os.path.normpath(OUT), 8 + len(text) + len(data), "bytes")


if __name__ == "__main__":
    main()
