#!/usr/bin/env python3
"""Writes tests/fixtures/chat/: a tokenizer_config.json per chat format (the Jinja chat
templates as Hugging Face model directories ship them) and expected.json, the prompts Jinja2
renders from them the way transformers' apply_chat_template does (trim_blocks, lstrip_blocks).
tests/engine/test_chat_template.cpp checks that Glassbox's templates give the same text.

    python3 tools/chat/make_template_fixtures.py      (needs jinja2: pip install jinja2)
"""
import json
import pathlib

import jinja2

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "chat"

TEMPLATES = {
    # Llama 2 chat: the system prompt inside the first [INST], answers closed by eos.
    "llama2": (
        "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
        "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
        "{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
        "{% if loop.index0 == 0 and system_message != false %}"
        "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
        "{% else %}{% set content = message['content'] %}{% endif %}"
        "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
        "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}"
        "{% endfor %}"
    ),
    "chatml": (
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content']"
        " + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
    ),
    "zephyr": (
        "{% for message in messages %}\n{% if message['role'] == 'user' %}\n{{ '<|user|>\n' + message['content']"
        " + eos_token }}\n{% elif message['role'] == 'system' %}\n{{ '<|system|>\n' + message['content'] + eos_token }}\n"
        "{% elif message['role'] == 'assistant' %}\n{{ '<|assistant|>\n'  + message['content'] + eos_token }}\n"
        "{% endif %}\n{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n{% endfor %}"
    ),
}

CONVERSATIONS = [
    [{"role": "user", "content": "What is the capital of France?"}],
    [{"role": "system", "content": "You are a helpful assistant."},
     {"role": "user", "content": "What is the capital of France?"}],
    [{"role": "system", "content": "Be brief."},
     {"role": "user", "content": "What is the capital of France?"},
     {"role": "assistant", "content": "Paris."},
     {"role": "user", "content": "And of Korea?"}],
    [{"role": "user", "content": "  Hello there \n"},
     {"role": "assistant", "content": " 안녕하세요! "},
     {"role": "user", "content": "Spell \"cat\"."}],
]


def main():
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    expected = {"conversations": CONVERSATIONS, "prompts": {}}
    for name, template in TEMPLATES.items():
        d = OUT / name
        d.mkdir(parents=True, exist_ok=True)
        config = {"bos_token": "<s>", "eos_token": {"content": "</s>", "special": True}, "chat_template": template}
        (d / "tokenizer_config.json").write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n")
        t = env.from_string(template)
        expected["prompts"][name] = [
            t.render(messages=c, bos_token="<s>", eos_token="</s>", add_generation_prompt=True) for c in CONVERSATIONS
        ]
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
