<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>glassbox::app::MainWindow</name>
    <message>
        <source>Memory: %1 MB (weights %2 MB)</source>
        <translation>메모리: %1 MB (가중치 %2 MB)</translation>
    </message>
    <message>
        <source>Model: loading…</source>
        <translation>모델: 불러오는 중…</translation>
    </message>
    <message>
        <source>Device: —</source>
        <translation>장치: —</translation>
    </message>
    <message>
        <source>Model: random model (untrained), %1 M parameters</source>
        <translation>모델: 무작위 모델(훈련 전), 매개변수 %1 M개</translation>
    </message>
    <message>
        <source>Model: %1, %2 M parameters</source>
        <translation>모델: %1, 매개변수 %2 M개</translation>
    </message>
    <message>
        <source>%1 layers, %2 heads, %3 wide, context %4, vocabulary %5, tokenizer %6
%7</source>
        <translation>층 %1개, 헤드 %2개, 폭 %3, 문맥 %4, 어휘 %5, 토크나이저 %6
%7</translation>
    </message>
    <message>
        <source>Bundled models are looked for in: %1</source>
        <translation>함께 제공되는 모델을 찾는 곳: %1</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>장치: %1</translation>
    </message>
    <message>
        <source>Device: CPU (the GPU failed mid-run: %1)</source>
        <translation>장치: CPU (실행 중 GPU에 문제가 생김: %1)</translation>
    </message>
    <message>
        <source>Device: %1 (Vulkan unavailable: %2)</source>
        <translation>장치: %1 (Vulkan을 쓸 수 없음: %2)</translation>
    </message>
    <message>
        <source>Moving the model…</source>
        <translation>모델을 옮기는 중…</translation>
    </message>
    <message>
        <source>%1

The model that was loaded is still in use.</source>
        <translation>%1

불러와 있던 모델을 계속 씁니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading the model…</source>
        <translation>모델을 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>EngineDataSource</name>
    <message>
        <source>loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>random model (untrained)</source>
        <translation>무작위 모델(훈련 전)</translation>
    </message>
    <message>
        <source>there is no text to train your BPE on yet</source>
        <translation>아직 BPE를 훈련할 텍스트가 없습니다</translation>
    </message>
    <message>
        <source>GPT-2</source>
        <translation>GPT-2</translation>
    </message>
    <message>
        <source>GPT-4 (cl100k_base)</source>
        <translation>GPT-4 (cl100k_base)</translation>
    </message>
    <message>
        <source>GPT-4o (o200k_base)</source>
        <translation>GPT-4o (o200k_base)</translation>
    </message>
    <message>
        <source>BERT (WordPiece, uncased)</source>
        <translation>BERT (WordPiece, 소문자화)</translation>
    </message>
    <message>
        <source>Mistral (SentencePiece BPE)</source>
        <translation>Mistral (SentencePiece BPE)</translation>
    </message>
    <message>
        <source>Qwen3</source>
        <translation>Qwen3</translation>
    </message>
    <message>
        <source>Your BPE (trained on the lessons)</source>
        <translation>여러분의 BPE (레슨 텍스트로 훈련)</translation>
    </message>
    <message>
        <source>This model&apos;s tokenizer</source>
        <translation>이 모델의 토크나이저</translation>
    </message>
    <message>
        <source>Simple (words)</source>
        <translation>간단한 토크나이저 (단어)</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>바이트</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>문자</translation>
    </message>
</context>
<context>
    <name>DataSource</name>
    <message>
        <source>not a sample tokenizer</source>
        <translation>예시 토크나이저가 아닙니다</translation>
    </message>
</context>
<context>
    <name>ViewFactory</name>
    <message>
        <source>Computed by a random model (untrained weights): the patterns are noise until a trained model is loaded (File › Open model…).</source>
        <translation>무작위 모델(훈련 전 가중치)이 계산한 결과입니다. 훈련된 모델을 불러오기 전까지 패턴은 잡음입니다 (파일 › 모델 열기…).</translation>
    </message>
    <message>
        <source>A real run, computed when this step opened: a tiny GPT (2 layers, 64 wide) learning the lessons&apos; own text for 20 steps.</source>
        <translation>이 단계를 열 때 실제로 계산한 훈련입니다. 작은 GPT(2층, 폭 64)가 레슨 텍스트를 20스텝 동안 학습합니다.</translation>
    </message>
    <message>
        <source>Sample tokenizers only: the real ones run in the app.</source>
        <translation>예시 토크나이저만 있습니다. 실제 토크나이저는 앱에서 실행됩니다.</translation>
    </message>
</context>
<context>
    <name>glassbox::views::TokenizerCompareView</name>
    <message>
        <source>Probe text (English, code, numbers, emoji)</source>
        <translation>탐색용 텍스트 (영어, 코드, 숫자, 이모지)</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English, the same sentence</source>
        <translation>영어, 같은 뜻의 문장</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>텍스트:</translation>
    </message>
    <message>
        <source>Type any text to compare the tokenizers</source>
        <translation>토크나이저를 비교할 텍스트를 입력하세요</translation>
    </message>
    <message>
        <source>vocabulary %1</source>
        <translation>어휘 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 tokens&lt;/b&gt;</source>
        <translation>&lt;b&gt;토큰 %1개&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 characters per token</source>
        <translation>토큰당 %1글자</translation>
    </message>
    <message>
        <source>Cannot run here: %1</source>
        <translation>여기서 실행할 수 없음: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Open the model directory DIR instead of the bundled one.</source>
        <translation>함께 제공되는 모델 대신 모델 디렉터리 DIR을 엽니다.</translation>
    </message>
    <message>
        <source>Run the model on cpu or vulkan.</source>
        <translation>모델을 cpu 또는 vulkan에서 실행합니다.</translation>
    </message>
    <message>
        <source>Measure the attention view&apos;s keystroke-to-repaint time, print JSON and exit.</source>
        <translation>어텐션 뷰의 키 입력부터 다시 그리기까지 걸리는 시간을 재어 JSON으로 출력하고 끝냅니다.</translation>
    </message>
    <message>
        <source>Text length in tokens for --bench-keystroke (default 64).</source>
        <translation>--bench-keystroke에 쓸 텍스트 길이(토큰 수, 기본값 64).</translation>
    </message>
    <message>
        <source>Layer shown for --bench-keystroke (default 0).</source>
        <translation>--bench-keystroke에서 보여 줄 층(기본값 0).</translation>
    </message>
</context>
</TS>
