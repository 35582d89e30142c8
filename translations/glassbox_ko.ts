<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ArchViews</name>
    <message>
        <source>No pretrained model is loaded: small sizes show freshly initialised (untrained) weights when clicked. Open a GPT-2 or SmolLM2 directory to see trained ones.</source>
        <translation>사전 학습된 모델이 열려 있지 않습니다. 작은 크기의 모델은 클릭하면 막 초기화된(학습되지 않은) 가중치를 보여 줍니다. 학습된 가중치를 보려면 GPT-2나 SmolLM2 디렉터리를 여세요.</translation>
    </message>
    <message>
        <source>Memory comes from the formula. The speeds could not be measured: %1</source>
        <translation>메모리는 공식으로 계산합니다. 속도는 측정하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>An untrained model generates here, so the words are noise; the cache works the same for any model, and the speed-up is measured, not assumed.</source>
        <translation>여기서는 학습되지 않은 모델이 생성하므로 단어는 의미 없는 잡음입니다. 캐시는 어떤 모델에서나 똑같이 작동하며, 속도 향상은 가정이 아니라 측정한 값입니다.</translation>
    </message>
    <message>
        <source>An untrained router chooses here (random weights), so the pattern is arbitrary; training with the load-balancing loss spreads tokens over the experts.</source>
        <translation>여기서는 학습되지 않은 라우터(무작위 가중치)가 고르므로 패턴은 임의적입니다. 부하 균형 손실과 함께 학습하면 토큰이 전문가들에게 고르게 퍼집니다.</translation>
    </message>
    <message>
        <source>Sample routing (hand-made, Mixtral-shaped: 8 experts, 2 per token). The parameter counts are Mixtral 8x7B&apos;s, computed from its configuration.</source>
        <translation>예시 라우팅입니다(손으로 만든 Mixtral 모양: 전문가 8개, 토큰당 2개). 매개변수 개수는 Mixtral 8x7B의 설정으로부터 계산한 값입니다.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>stopped at end of text</source>
        <translation>끝 토큰에서 멈춤</translation>
    </message>
    <message>
        <source>stopped at the end of its turn</source>
        <translation>자기 차례가 끝나 멈춤</translation>
    </message>
    <message>
        <source>reached max tokens</source>
        <translation>최대 토큰 수에 도달</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation>문맥이 가득 참</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>사용자가 멈춤</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>%1 불러오는 중</translation>
    </message>
</context>
<context>
    <name>DataSource</name>
    <message>
        <source>none (sample data)</source>
        <translation>없음 (예시 데이터)</translation>
    </message>
    <message>
        <source>not a sample tokenizer</source>
        <translation>예시 토크나이저가 아닙니다</translation>
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
    <name>Export</name>
    <message>
        <source>Unknown export format &quot;%1&quot;: use .png, .svg, .pdf or .csv.</source>
        <translation>알 수 없는 내보내기 형식 &quot;%1&quot;: .png, .svg, .pdf, .csv 중 하나를 쓰세요.</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1에 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV data (*.csv)</source>
        <translation>CSV 데이터 (*.csv)</translation>
    </message>
</context>
<context>
    <name>KvCacheView</name>
    <message>
        <source>prompt</source>
        <translation>프롬프트</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>%1단계</translation>
    </message>
    <message>
        <source>key and value computed</source>
        <translation>키와 값을 계산함</translation>
    </message>
    <message>
        <source>read from the cache</source>
        <translation>캐시에서 읽음</translation>
    </message>
</context>
<context>
    <name>LessonLibrary</name>
    <message>
        <source>missing &quot;%1&quot;</source>
        <translation>&quot;%1&quot; 항목이 없습니다</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object like {&quot;en&quot;: &quot;…&quot;, &quot;ko&quot;: &quot;…&quot;}</source>
        <translation>&quot;%1&quot;은(는) {&quot;en&quot;: &quot;…&quot;, &quot;ko&quot;: &quot;…&quot;} 형태의 객체여야 합니다</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no English text (&quot;en&quot;)</source>
        <translation>&quot;%1&quot;에 영어 텍스트(&quot;en&quot;)가 없습니다</translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation>%1: %2번째 줄: %3</translation>
    </message>
    <message>
        <source>%1: the file must hold one JSON object</source>
        <translation>%1: 파일에는 JSON 객체 하나가 있어야 합니다</translation>
    </message>
    <message>
        <source>missing &quot;id&quot;</source>
        <translation>&quot;id&quot; 항목이 없습니다</translation>
    </message>
    <message>
        <source>&quot;number&quot; must be a positive integer</source>
        <translation>&quot;number&quot;는 양의 정수여야 합니다</translation>
    </message>
    <message>
        <source>&quot;steps&quot; must be a non-empty array</source>
        <translation>&quot;steps&quot;는 비어 있지 않은 배열이어야 합니다</translation>
    </message>
    <message>
        <source>step %1 is not an object</source>
        <translation>%1단계가 객체가 아닙니다</translation>
    </message>
    <message>
        <source>missing &quot;view&quot;</source>
        <translation>&quot;view&quot; 항목이 없습니다</translation>
    </message>
    <message>
        <source>step %1 (%2): %3</source>
        <translation>%1단계 (%2): %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No lesson files (*.json) in %1</source>
        <translation>%1에 레슨 파일(*.json)이 없습니다</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1: 읽을 수 없습니다 (%2)</translation>
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
    <name>Screenshot</name>
    <message>
        <source>Cannot create %1</source>
        <translation>%1을(를) 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1에 쓸 수 없습니다</translation>
    </message>
</context>
<context>
    <name>TextFile</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 16 MiB.</source>
        <translation>%1이(가) 16 MiB보다 큽니다.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text.</source>
        <translation>%1은(는) UTF-8 텍스트가 아닙니다.</translation>
    </message>
</context>
<context>
    <name>ViewFactory</name>
    <message>
        <source>Computed by a random model (untrained weights): the patterns are noise until a trained model is loaded (File › Open model…).</source>
        <translation>무작위 모델(훈련 전 가중치)이 계산한 결과입니다. 훈련된 모델을 불러오기 전까지 패턴은 잡음입니다 (파일 › 모델 열기…).</translation>
    </message>
    <message>
        <source>Sample tokens, IDs and probabilities (no model loaded).</source>
        <translation>예시 토큰, ID, 확률입니다 (불러온 모델 없음).</translation>
    </message>
    <message>
        <source>Sample tokenizer (%1), built into Glassbox: load a model to see its real tokenizer.</source>
        <translation>Glassbox에 들어 있는 예시 토크나이저(%1)입니다. 모델을 불러오면 실제 토크나이저를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Token IDs from the built-in sample tokenizer (numbered by this text&apos;s own vocabulary).</source>
        <translation>내장 예시 토크나이저가 만든 토큰 ID입니다 (이 텍스트 자체의 어휘 사전으로 번호를 매김).</translation>
    </message>
    <message>
        <source>Sample embeddings (hand-made, 8 dimensions): load a model to see its own.</source>
        <translation>예시 임베딩(손으로 만든 8차원)입니다. 모델을 불러오면 그 모델의 임베딩을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Sample values (small random numbers, 4 dimensions) — a model&apos;s own tables are learned and much wider.</source>
        <translation>예시 값(작은 무작위 수, 4차원)입니다 — 실제 모델의 표는 학습된 값이며 훨씬 넓습니다.</translation>
    </message>
    <message>
        <source>token embeddings</source>
        <translation>토큰 임베딩</translation>
    </message>
    <message>
        <source>position embeddings</source>
        <translation>위치 임베딩</translation>
    </message>
    <message>
        <source>Sample data — load a model to see real attention. These patterns (previous token, first token, same word) are ones trained heads often show.</source>
        <translation>예시 데이터입니다 — 모델을 불러오면 실제 어텐션을 볼 수 있습니다. 이 패턴들(이전 토큰, 첫 번째 토큰, 같은 단어)은 훈련된 헤드에서 자주 보이는 것입니다.</translation>
    </message>
    <message>
        <source>This BPE is trained right here, on the short text below: a real tokenizer learns tens of thousands of merges from gigabytes.</source>
        <translation>이 BPE는 아래의 짧은 텍스트로 바로 여기서 훈련한 것입니다. 실제 토크나이저는 기가바이트 분량의 텍스트에서 수만 번의 병합을 배웁니다.</translation>
    </message>
    <message>
        <source>A real run, computed when this step opened: a tiny GPT (2 layers, 64 wide) learning the lessons&apos; own text for 20 steps.</source>
        <translation>이 단계를 열 때 실제로 계산한 훈련입니다. 작은 GPT(2층, 폭 64)가 레슨 텍스트를 20스텝 동안 학습합니다.</translation>
    </message>
    <message>
        <source>Sample curve (hand-made) — train a model to see its own.</source>
        <translation>예시 곡선(손으로 만든 값)입니다 — 모델을 훈련하면 그 모델의 곡선을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>ln %1 = %2 (uniform guess)</source>
        <translation>ln %1 = %2 (균등하게 찍기)</translation>
    </message>
    <message>
        <source>Sample distribution (hand-written) — load a model to see its real predictions.</source>
        <translation>예시 분포(손으로 쓴 값)입니다 — 모델을 불러오면 실제 예측을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Sample run (hand-made) — finetune with glassbox-cli finetune classify to see your own.</source>
        <translation>예시 실행 (직접 만든 데이터) — glassbox-cli finetune classify로 파인튜닝하면 여러분의 결과가 보입니다.</translation>
    </message>
    <message>
        <source>Sample answers (hand-made) — run glassbox-cli eval instruct to see your models&apos; own.</source>
        <translation>예시 답변 (직접 만든 데이터) — glassbox-cli eval instruct를 실행하면 여러분 모델의 답이 보입니다.</translation>
    </message>
    <message>
        <source>A sample conversation (hand-made): load a model to chat with it.</source>
        <translation>예시 대화(직접 만든 것)입니다. 모델을 불러오면 그 모델과 대화할 수 있습니다.</translation>
    </message>
    <message>
        <source>Sample tokenizers only: the real ones run in the app.</source>
        <translation>예시 토크나이저만 있습니다. 실제 토크나이저는 앱에서 실행됩니다.</translation>
    </message>
    <message>
        <source>Unknown view &quot;%1&quot;. Known views: %2</source>
        <translation>알 수 없는 뷰 &quot;%1&quot;. 사용할 수 있는 뷰: %2</translation>
    </message>
</context>
<context>
    <name>glassbox::app::ChatController</name>
    <message>
        <source>Export the conversation</source>
        <translation>대화 내보내기</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>마크다운 (*.md)</translation>
    </message>
    <message>
        <source>%1 (bundled)</source>
        <translation>%1 (내장)</translation>
    </message>
    <message>
        <source> — not built yet</source>
        <translation> — 아직 만들어지지 않음</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <source>No model to chat with yet: open a model directory (File › Open model…) or build the bundled ones (tools/train_bundled.sh).</source>
        <translation>아직 대화할 모델이 없습니다. 모델 디렉터리를 열거나(파일 › 모델 열기…) 내장 모델을 만드세요(tools/train_bundled.sh).</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>초당 %1 토큰</translation>
    </message>
    <message>
        <source>context %1 of %2</source>
        <translation>문맥 %1 / %2</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>시드 %1</translation>
    </message>
    <message>
        <source>Attention while reading &quot;%1&quot;</source>
        <translation>&quot;%1&quot;을(를) 읽을 때의 어텐션</translation>
    </message>
    <message>
        <source>Each row is a token reading the ones before it. The last row is this token; the row above it is what the model looked at when it chose this token. (The last %1 tokens.)</source>
        <translation>각 행은 앞선 토큰들을 읽는 토큰 하나입니다. 마지막 행이 이 토큰이고, 바로 위 행은 모델이 이 토큰을 고를 때 본 곳입니다. (마지막 %1개 토큰)</translation>
    </message>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>어시스턴트</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>시스템 프롬프트</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>temperature %t · top-k %k · top-p %p · max tokens %n · seed %s</source>
        <translation>온도 %t · top-k %k · top-p %p · 최대 토큰 %n · 시드 %s</translation>
    </message>
</context>
<context>
    <name>glassbox::app::ClassifierController</name>
    <message>
        <source>the classifier finetuned here</source>
        <translation>여기서 파인튜닝한 분류기</translation>
    </message>
    <message>
        <source>the bundled glassbox-classifier</source>
        <translation>내장된 glassbox-classifier</translation>
    </message>
</context>
<context>
    <name>glassbox::app::ClassifierPage</name>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>Test accuracy before finetuning: %1 (%2 messages)</source>
        <translation>파인튜닝 전 테스트 정확도: %1 (메시지 %2개)</translation>
    </message>
    <message>
        <source>Saved to %1 (config.json, model.safetensors, tokenizer.json). glassbox-cli classify --model with this folder classifies with it.</source>
        <translation>%1에 저장했습니다(config.json, model.safetensors, tokenizer.json). glassbox-cli classify --model에 이 폴더를 주면 이 분류기로 분류합니다.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>오류: %1</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>시작 모델</translation>
    </message>
    <message>
        <source>the head only</source>
        <translation>헤드만</translation>
    </message>
    <message>
        <source>last block + final norm + head</source>
        <translation>마지막 블록 + 최종 정규화 + 헤드</translation>
    </message>
    <message>
        <source>all weights</source>
        <translation>모든 가중치</translation>
    </message>
    <message>
        <source>LoRA (frozen weights + low-rank matrices)</source>
        <translation>LoRA(얼린 가중치 + 저랭크 행렬)</translation>
    </message>
    <message>
        <source>What trains</source>
        <translation>훈련할 부분</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA 랭크</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>최대</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 단계</translation>
    </message>
    <message>
        <source>Peak learning rate</source>
        <translation>최대 학습률</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 토큰</translation>
    </message>
    <message>
        <source>Each message cut to</source>
        <translation>메시지마다 자를 길이</translation>
    </message>
    <message>
        <source>Finetune</source>
        <translation>파인튜닝</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>&lt;b&gt;A few of the e-mails&lt;/b&gt; (training split, first %1 characters)</source>
        <translation>&lt;b&gt;이메일 몇 통&lt;/b&gt;(훈련 세트, 처음 %1자)</translation>
    </message>
    <message>
        <source>Save the classifier as a model folder</source>
        <translation>분류기를 모델 폴더로 저장</translation>
    </message>
    <message>
        <source>Save the classifier</source>
        <translation>분류기 저장</translation>
    </message>
    <message>
        <source>%1 is a file; choose a folder name.</source>
        <translation>%1은(는) 파일입니다. 폴더 이름을 고르세요.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
    <message>
        <source>glassbox-base (bundled)</source>
        <translation>glassbox-base(내장)</translation>
    </message>
    <message>
        <source>the model open in the app: %1</source>
        <translation>앱에 열려 있는 모델: %1</translation>
    </message>
    <message>
        <source>%L1 steps of %2 messages (an epoch is %L3 steps): about %4 on a 2-core laptop, plus under a minute to measure the test set before and after.</source>
        <translation>메시지 %2개씩 %L1단계(한 에포크는 %L3단계): 2코어 노트북에서 약 %4, 그리고 전후로 테스트 세트를 재는 데 1분이 채 안 걸립니다.</translation>
    </message>
    <message>
        <source>Not finetuned yet. Finetune puts a new 2-class head on %1 and trains it; until then the message box answers with %2.</source>
        <translation>아직 파인튜닝하지 않았습니다. 파인튜닝을 누르면 %1 위에 새 2-클래스 헤드를 붙여 훈련합니다. 그때까지 메시지 칸은 %2가 답합니다.</translation>
    </message>
    <message>
        <source>Loading the model and the e-mails, tokenizing…</source>
        <translation>모델과 이메일을 불러와 토큰화하는 중…</translation>
    </message>
    <message>
        <source>Measuring test accuracy before finetuning (a random head)…</source>
        <translation>파인튜닝 전 테스트 정확도를 재는 중(무작위 헤드)…</translation>
    </message>
    <message>
        <source>Step %L1 of %L2, about %3 left. %L4 of %L5 weights train.</source>
        <translation>%L2단계 중 %L1단계, 약 %3 남음. 가중치 %L5개 중 %L4개를 훈련합니다.</translation>
    </message>
    <message>
        <source>Step %L1 of %L2. %L3 of %L4 weights train.</source>
        <translation>%L2단계 중 %L1단계. 가중치 %L4개 중 %L3개를 훈련합니다.</translation>
    </message>
    <message>
        <source>Measuring test accuracy after finetuning…</source>
        <translation>파인튜닝 후 테스트 정확도를 재는 중…</translation>
    </message>
    <message>
        <source>Cancelling after this step…</source>
        <translation>이번 단계가 끝나면 취소합니다…</translation>
    </message>
    <message>
        <source>Finetuned in %L1 steps. The message box now answers with this classifier; Save… keeps it.</source>
        <translation>%L1단계로 파인튜닝했습니다. 이제 메시지 칸은 이 분류기가 답합니다. 저장…을 누르면 남겨 둡니다.</translation>
    </message>
    <message>
        <source>Cancelled after %L1 of %L2 steps. The message box still answers with %3.</source>
        <translation>%L2단계 중 %L1단계에서 취소했습니다. 메시지 칸은 여전히 %3가 답합니다.</translation>
    </message>
    <message>
        <source>Press Finetune to train the classifier and draw its curves here.</source>
        <translation>파인튜닝을 누르면 분류기를 훈련하고 여기에 곡선을 그립니다.</translation>
    </message>
    <message>
        <source>Before your run: how the bundled glassbox-classifier was finetuned (its training log: every weight, 3 epochs, %1 on 2 cores). Press Finetune to draw your own.</source>
        <translation>여러분이 실행하기 전: 내장된 glassbox-classifier를 파인튜닝한 과정입니다(그 훈련 로그: 모든 가중치, 3 에포크, 2코어에서 %1). 파인튜닝을 눌러 여러분의 곡선을 그려 보세요.</translation>
    </message>
</context>
<context>
    <name>glassbox::app::EngineWorker</name>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>The job failed with an unknown error.</source>
        <translation>작업이 알 수 없는 오류로 실패했습니다.</translation>
    </message>
</context>
<context>
    <name>glassbox::app::InstructController</name>
    <message>
        <source>Loading the model and the instructions…</source>
        <translation>모델과 지시 데이터를 불러오는 중…</translation>
    </message>
    <message>
        <source>Step %1 of %2 — about %3 s left</source>
        <translation>%2단계 중 %1단계 — 약 %3초 남음</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>%2단계 중 %1단계</translation>
    </message>
    <message>
        <source>Cancelled after step %1 of %2.</source>
        <translation>%2단계 중 %1단계 뒤에 취소했습니다.</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %3개 중 %2개</translation>
    </message>
    <message>
        <source>finetuned (LoRA r=%1)</source>
        <translation>파인튜닝됨 (LoRA r=%1)</translation>
    </message>
    <message>
        <source>finetuned</source>
        <translation>파인튜닝됨</translation>
    </message>
    <message>
        <source>Loading the held-out instructions…</source>
        <translation>보류한 지시를 불러오는 중…</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>평가 중</translation>
    </message>
    <message>
        <source>Held-out instructions: exact match %1%, token F1 %2</source>
        <translation>보류한 지시: 정확 일치 %1%, 토큰 F1 %2</translation>
    </message>
    <message>
        <source>Loading the three models…</source>
        <translation>세 모델을 불러오는 중…</translation>
    </message>
    <message>
        <source>LoRA r=%1</source>
        <translation>LoRA r=%1</translation>
    </message>
    <message>
        <source>Comparing</source>
        <translation>비교 중</translation>
    </message>
    <message>
        <source>Loading the benchmark…</source>
        <translation>벤치마크를 불러오는 중…</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>객관식</translation>
    </message>
    <message>
        <source>Multiple choice: %1% right</source>
        <translation>객관식: %1% 정답</translation>
    </message>
    <message>
        <source>No judge model is open. Open a larger model (File › Open model…, e.g. a GPT-2 or SmolLM2 directory) and it will score the responses.</source>
        <translation>열린 심판 모델이 없습니다. 더 큰 모델을 여세요(파일 › 모델 열기…, 예: GPT-2나 SmolLM2 디렉터리). 그 모델이 응답을 채점합니다.</translation>
    </message>
    <message>
        <source>Loading the judge %1…</source>
        <translation>심판 %1을(를) 불러오는 중…</translation>
    </message>
    <message>
        <source>judge %1 (0–100)</source>
        <translation>심판 %1 (0–100)</translation>
    </message>
    <message>
        <source>Judging</source>
        <translation>채점 중</translation>
    </message>
</context>
<context>
    <name>glassbox::app::InstructPage</name>
    <message>
        <source>Start finetuning</source>
        <translation>파인튜닝 시작</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>Chat with it</source>
        <translation>이 모델과 채팅</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Compare models</source>
        <translation>모델 비교</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>객관식</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>심판</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>손실 곡선</translation>
    </message>
    <message>
        <source>Held-out answers</source>
        <translation>보류한 예제의 답</translation>
    </message>
    <message>
        <source>Base vs tuned vs LoRA</source>
        <translation>기본 vs 튜닝 vs LoRA</translation>
    </message>
    <message>
        <source>Model as judge</source>
        <translation>심판 모델</translation>
    </message>
    <message>
        <source>Instruction finetuning runs in the app.</source>
        <translation>지시 파인튜닝은 앱에서 실행됩니다.</translation>
    </message>
    <message>
        <source>Trainable %1 of %2 parameters (%3%)</source>
        <translation>매개변수 %2개 중 %1개 훈련 (%3%)</translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
    <message>
        <source>Save the LoRA adapter in</source>
        <translation>LoRA 어댑터를 저장할 폴더</translation>
    </message>
    <message>
        <source>Save the finetuned model in</source>
        <translation>파인튜닝한 모델을 저장할 폴더</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>기본 제공</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>기본 모델</translation>
    </message>
    <message>
        <source>A model directory to finetune</source>
        <translation>파인튜닝할 모델 디렉터리</translation>
    </message>
    <message>
        <source>Base model directory</source>
        <translation>기본 모델 디렉터리</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>지시 데이터</translation>
    </message>
    <message>
        <source>An Alpaca JSON file: [{&quot;instruction&quot;, &quot;input&quot;, &quot;output&quot;}, …]</source>
        <translation>Alpaca JSON 파일: [{&quot;instruction&quot;, &quot;input&quot;, &quot;output&quot;}, …]</translation>
    </message>
    <message>
        <source>Alpaca JSON file</source>
        <translation>Alpaca JSON 파일</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>LoRA adapter</source>
        <translation>LoRA 어댑터</translation>
    </message>
    <message>
        <source>Every weight (full)</source>
        <translation>모든 가중치 (전체)</translation>
    </message>
    <message>
        <source>Finetune</source>
        <translation>파인튜닝</translation>
    </message>
    <message>
        <source>LoRA rank r</source>
        <translation>LoRA 랭크 r</translation>
    </message>
    <message>
        <source>LoRA alpha</source>
        <translation>LoRA 알파</translation>
    </message>
    <message>
        <source>all attention and feed-forward linears</source>
        <translation>모든 어텐션과 피드포워드 선형 층</translation>
    </message>
    <message>
        <source>Module names separated by commas, e.g. c_attn or q_proj,v_proj</source>
        <translation>쉼표로 구분한 모듈 이름, 예: c_attn 또는 q_proj,v_proj</translation>
    </message>
    <message>
        <source>LoRA modules</source>
        <translation>LoRA 모듈</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>최대 단계</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>Max tokens per example</source>
        <translation>예제당 최대 토큰</translation>
    </message>
    <message>
        <source>Learn only the responses</source>
        <translation>응답만 배우기</translation>
    </message>
    <message>
        <source>Masks the prompt: its targets are -100, so the loss grades only the response</source>
        <translation>프롬프트를 마스킹합니다. 프롬프트의 타깃이 -100이 되어 손실은 응답만 채점합니다</translation>
    </message>
    <message>
        <source>Held-out items</source>
        <translation>보류한 항목 수</translation>
    </message>
    <message>
        <source>New tokens per answer</source>
        <translation>답마다 새 토큰 수</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>벤치마크</translation>
    </message>
    <message>
        <source>A multiple-choice benchmark JSON file</source>
        <translation>객관식 벤치마크 JSON 파일</translation>
    </message>
    <message>
        <source>Benchmark JSON file</source>
        <translation>벤치마크 JSON 파일</translation>
    </message>
    <message>
        <source>Judge reads the Alpaca template</source>
        <translation>심판이 Alpaca 템플릿을 읽음</translation>
    </message>
    <message>
        <source>On for Glassbox instruction models; off for a model that continues plain text</source>
        <translation>Glassbox 지시 모델이면 켜고, 일반 텍스트를 이어 쓰는 모델이면 끕니다</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>glassbox-base (bundled)</source>
        <translation>glassbox-base (기본 제공)</translation>
    </message>
    <message>
        <source>generated instructions (bundled, 85/10/5)</source>
        <translation>생성된 지시 데이터 (기본 제공, 85/10/5)</translation>
    </message>
    <message>
        <source>glassbox-sample (bundled)</source>
        <translation>glassbox-sample (기본 제공)</translation>
    </message>
    <message>
        <source>about %1 s on a 2-core laptop, then the held-out table</source>
        <translation>2코어 노트북에서 약 %1초, 그다음 보류한 예제 표</translation>
    </message>
    <message>
        <source>about %1 min on a 2-core laptop, then the held-out table</source>
        <translation>2코어 노트북에서 약 %1분, 그다음 보류한 예제 표</translation>
    </message>
    <message>
        <source>Save adapter…</source>
        <translation>어댑터 저장…</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>모델 저장…</translation>
    </message>
    <message>
        <source>Finetune (Start) or press Evaluate: held-out instructions appear here with the expected and the generated response side by side, scored by token F1.</source>
        <translation>파인튜닝(시작)하거나 평가를 누르세요. 보류한 지시가 기대한 응답과 생성한 응답을 나란히 하여 토큰 F1 점수와 함께 여기에 나옵니다.</translation>
    </message>
    <message>
        <source>Compare models: the same held-out instructions through the base model, an instruction-tuned model and the LoRA adapter you trained.</source>
        <translation>모델 비교: 같은 보류한 지시를 기본 모델, 지시 튜닝된 모델, 여러분이 훈련한 LoRA 어댑터에 보냅니다.</translation>
    </message>
    <message>
        <source>Multiple choice: each answer is the option the model finds most likely (log-likelihood).</source>
        <translation>객관식: 모델이 가장 그럴듯하게 여기는(로그 가능도) 선택지가 답입니다.</translation>
    </message>
    <message>
        <source>Model as judge: a larger model you opened (File › Open model…) scores each response from 0 to 100.</source>
        <translation>심판 모델: 여러분이 연 더 큰 모델(파일 › 모델 열기…)이 응답마다 0에서 100까지 점수를 줍니다.</translation>
    </message>
    <message>
        <source>%1 held-out items: exact match %2%, mean token F1 %3</source>
        <translation>보류한 항목 %1개: 정확 일치 %2%, 평균 토큰 F1 %3</translation>
    </message>
    <message>
        <source>%1 questions: accuracy %2% (1 = right, 0 = wrong)</source>
        <translation>질문 %1개: 정확도 %2% (1 = 맞음, 0 = 틀림)</translation>
    </message>
    <message>
        <source>%1 responses judged: mean score %2 of 100 (– where the judge gave no number)</source>
        <translation>응답 %1개 채점: 평균 100점 중 %2점 (– 는 심판이 숫자를 주지 않은 곳)</translation>
    </message>
</context>
<context>
    <name>glassbox::app::LessonPage</name>
    <message>
        <source>◀  Previous step</source>
        <translation>◀  이전 단계</translation>
    </message>
    <message>
        <source>Next step  ▶</source>
        <translation>다음 단계  ▶</translation>
    </message>
    <message>
        <source>Alt+Left or Page Up</source>
        <translation>Alt+왼쪽 또는 Page Up</translation>
    </message>
    <message>
        <source>Alt+Right or Page Down</source>
        <translation>Alt+오른쪽 또는 Page Down</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>%2단계 중 %1단계</translation>
    </message>
    <message>
        <source>Lesson %1 · %2</source>
        <translation>레슨 %1 · %2</translation>
    </message>
    <message>
        <source>Try this:</source>
        <translation>해 보세요:</translation>
    </message>
</context>
<context>
    <name>glassbox::app::MainWindow</name>
    <message>
        <source>Glassbox — how large language models work</source>
        <translation>Glassbox — 대규모 언어 모델은 어떻게 작동하는가</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>모델 열기(&amp;M)…</translation>
    </message>
    <message>
        <source>Open &amp;text…</source>
        <translation>텍스트 열기(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>뷰 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Reload lessons</source>
        <translation>레슨 다시 불러오기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>발표자 모드(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>어두운 테마(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>이동(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>다음 단계(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous step</source>
        <translation>이전 단계(&amp;P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Memory: %1 MB (weights %2 MB)</source>
        <translation>메모리: %1 MB (가중치 %2 MB)</translation>
    </message>
    <message>
        <source>Memory: %1 MB</source>
        <translation>메모리: %1 MB</translation>
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
        <source>Device: %1 (Vulkan unavailable: %2)</source>
        <translation>장치: %1 (Vulkan을 쓸 수 없음: %2)</translation>
    </message>
    <message>
        <source>Device: CPU (the GPU failed mid-run: %1)</source>
        <translation>장치: CPU (실행 중 GPU에 문제가 생김: %1)</translation>
    </message>
    <message>
        <source>Some lessons could not be loaded</source>
        <translation>일부 레슨을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>These lesson files have problems and were skipped:

%1</source>
        <translation>다음 레슨 파일에 문제가 있어 건너뛰었습니다:

%1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Open a model directory</source>
        <translation>모델 디렉터리 열기</translation>
    </message>
    <message>
        <source>Opening model…</source>
        <translation>모델 여는 중…</translation>
    </message>
    <message>
        <source>Moving the model…</source>
        <translation>모델을 옮기는 중…</translation>
    </message>
    <message>
        <source>Cannot open this model</source>
        <translation>이 모델을 열 수 없습니다</translation>
    </message>
    <message>
        <source>%1

The model that was loaded is still in use.</source>
        <translation>%1

불러와 있던 모델을 계속 씁니다.</translation>
    </message>
    <message>
        <source>Open a text file</source>
        <translation>텍스트 파일 열기</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation>텍스트 파일 (*.txt *.md);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading text…</source>
        <translation>텍스트 읽는 중…</translation>
    </message>
    <message>
        <source>Cannot open this text</source>
        <translation>이 텍스트를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>뷰 내보내기</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>A model is training</source>
        <translation>모델이 학습 중입니다</translation>
    </message>
    <message>
        <source>The training studio is running. Save a checkpoint and quit? Resume in the studio continues the run where it stopped.</source>
        <translation>학습 스튜디오가 실행 중입니다. 체크포인트를 저장하고 종료할까요? 스튜디오에서 재개를 누르면 멈춘 곳에서 이어집니다.</translation>
    </message>
    <message>
        <source>The checkpoint could not be saved in time; the app stays open.</source>
        <translation>체크포인트를 제때 저장하지 못했습니다. 앱을 닫지 않습니다.</translation>
    </message>
    <message>
        <source>A model is being finetuned</source>
        <translation>모델을 파인튜닝하는 중입니다</translation>
    </message>
    <message>
        <source>Instruction finetuning is running and will be lost if you quit. Quit anyway?</source>
        <translation>지시 파인튜닝이 실행 중이며 종료하면 잃게 됩니다. 그래도 종료할까요?</translation>
    </message>
    <message>
        <source>A classifier is finetuning</source>
        <translation>분류기를 파인튜닝하는 중입니다</translation>
    </message>
    <message>
        <source>The spam classifier is still finetuning. Quit and lose this run? (Only a finished run can be saved.)</source>
        <translation>스팸 분류기를 아직 파인튜닝하는 중입니다. 종료하고 이 실행을 버릴까요? (끝난 실행만 저장할 수 있습니다.)</translation>
    </message>
</context>
<context>
    <name>glassbox::app::StudioPage</name>
    <message>
        <source>Sample curve (hand-made): the studio trains in the app.</source>
        <translation>예시 곡선(손으로 만든 값): 스튜디오는 앱 안에서 학습합니다.</translation>
    </message>
    <message>
        <source>Moby-Dick (Herman Melville, 1851)</source>
        <translation>모비 딕 (허먼 멜빌, 1851)</translation>
    </message>
    <message>
        <source>State of the Union addresses (1790–2016)</source>
        <translation>미국 대통령 연두교서 (1790–2016)</translation>
    </message>
    <message>
        <source>Brown Corpus (American English, 1961)</source>
        <translation>브라운 코퍼스 (미국 영어, 1961)</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>설치되지 않음</translation>
    </message>
    <message>
        <source>Open text…</source>
        <translation>텍스트 열기…</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>말뭉치</translation>
    </message>
    <message>
        <source>all of it</source>
        <translation>전부</translation>
    </message>
    <message>
        <source> characters</source>
        <translation>자</translation>
    </message>
    <message>
        <source>Use only the first</source>
        <translation>처음 …만 사용</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>세는 중…</translation>
    </message>
    <message>
        <source>BPE trained on this corpus</source>
        <translation>이 말뭉치로 학습한 BPE</translation>
    </message>
    <message>
        <source>GPT-2 (50,257 tokens)</source>
        <translation>GPT-2 (토큰 50,257개)</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>토크나이저</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 토큰</translation>
    </message>
    <message>
        <source>BPE vocabulary</source>
        <translation>BPE 어휘 크기</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>사용자 지정</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>모델 크기</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>층 수</translation>
    </message>
    <message>
        <source>Embedding width</source>
        <translation>임베딩 폭</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>어텐션 헤드</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>문맥 길이</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (Vulkan)</source>
        <translation>GPU (Vulkan)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>Training context</source>
        <translation>학습 문맥</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Peak learning rate</source>
        <translation>최대 학습률</translation>
    </message>
    <message>
        <source> steps, then cosine</source>
        <translation> 스텝, 그다음 코사인</translation>
    </message>
    <message>
        <source>Warmup</source>
        <translation>워밍업</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Train on a text file</source>
        <translation>텍스트 파일로 학습</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation>텍스트 파일 (*.txt *.md);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>파일: %1</translation>
    </message>
    <message>
        <source>Start a new run?</source>
        <translation>새로 학습을 시작할까요?</translation>
    </message>
    <message>
        <source>A saved run can still be resumed. Starting a new run replaces it.</source>
        <translation>저장된 실행을 아직 재개할 수 있습니다. 새로 시작하면 그 실행을 대체합니다.</translation>
    </message>
    <message>
        <source>%L1 parameters (vocabulary %L2)&lt;br&gt;about %3 MB to train: weights %4, gradients %5, AdamW moments %6, activations %7 MB</source>
        <translation>매개변수 %L1개 (어휘 %L2)&lt;br&gt;학습에 약 %3 MB: 가중치 %4, 그래디언트 %5, AdamW 모멘트 %6, 활성값 %7 MB</translation>
    </message>
    <message>
        <source>Stopped. A checkpoint is saved: Resume continues the same curve.</source>
        <translation>정지했습니다. 체크포인트가 저장되어 있어 재개하면 같은 곡선을 이어 갑니다.</translation>
    </message>
    <message>
        <source>Ready. Press Train to start.</source>
        <translation>준비되었습니다. 학습을 눌러 시작하세요.</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>준비 중…</translation>
    </message>
    <message>
        <source>Training.</source>
        <translation>학습 중.</translation>
    </message>
    <message>
        <source>Paused. A checkpoint is saved.</source>
        <translation>일시 정지했습니다. 체크포인트가 저장되었습니다.</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation>체크포인트 저장 중…</translation>
    </message>
    <message>
        <source>Finished. The model is in %1</source>
        <translation>끝났습니다. 모델은 %1에 있습니다</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>Running on the CPU: %1</source>
        <translation>CPU에서 실행: %1</translation>
    </message>
    <message>
        <source>Preparing: %1 (%2%)</source>
        <translation>준비 중: %1 (%2%)</translation>
    </message>
    <message>
        <source>%L1 characters · %L2 tokens</source>
        <translation>%L1자 · 토큰 %L2개</translation>
    </message>
    <message>
        <source>Loading the training log of %1…</source>
        <translation>%1의 학습 기록을 읽는 중…</translation>
    </message>
    <message>
        <source>Before your run: the curve of %1, the model Glassbox ships (%L2 steps). Press Train to draw your own.</source>
        <translation>학습 전: Glassbox에 함께 들어 있는 모델 %1의 곡선입니다(%L2 스텝). 학습을 눌러 여러분의 곡선을 그리세요.</translation>
    </message>
    <message>
        <source>How %1 was made: %2 on %3, %L4 steps (its own training log, shipped beside the model).</source>
        <translation>%1는 이렇게 만들었습니다: %3에 %2, %L4 스텝 (모델 옆에 함께 배포되는 자체 학습 기록).</translation>
    </message>
    <message>
        <source>No training log: %1</source>
        <translation>학습 기록 없음: %1</translation>
    </message>
</context>
<context>
    <name>glassbox::views::ArchDiagramWidget</name>
    <message>
        <source>Token embedding</source>
        <translation>토큰 임베딩</translation>
    </message>
    <message>
        <source>Position embedding (learned)</source>
        <translation>위치 임베딩 (학습됨)</translation>
    </message>
    <message>
        <source>Rotary positions (RoPE, no weights)</source>
        <translation>회전 위치 인코딩 (RoPE, 가중치 없음)</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <source>RMSNorm</source>
        <translation>RMSNorm</translation>
    </message>
    <message>
        <source>Final LayerNorm</source>
        <translation>마지막 LayerNorm</translation>
    </message>
    <message>
        <source>Final RMSNorm</source>
        <translation>마지막 RMSNorm</translation>
    </message>
    <message>
        <source>Multi-head attention</source>
        <translation>멀티 헤드 어텐션</translation>
    </message>
    <message>
        <source>Multi-query attention</source>
        <translation>멀티 쿼리 어텐션</translation>
    </message>
    <message>
        <source>Grouped-query attention</source>
        <translation>그룹 쿼리 어텐션</translation>
    </message>
    <message>
        <source>%1: %2 query / %3 key-value heads × %4</source>
        <translation>%1: 쿼리 헤드 %2개 / 키-값 헤드 %3개 × %4</translation>
    </message>
    <message>
        <source>%1: %2 heads × %3</source>
        <translation>%1: 헤드 %2개 × %3</translation>
    </message>
    <message>
        <source>Feed-forward, GELU (%1 wide)</source>
        <translation>피드포워드, GELU (폭 %1)</translation>
    </message>
    <message>
        <source>Feed-forward, SwiGLU (%1 wide)</source>
        <translation>피드포워드, SwiGLU (폭 %1)</translation>
    </message>
    <message>
        <source>Mixture of experts: %1 of %2 SwiGLU experts</source>
        <translation>전문가 혼합: SwiGLU 전문가 %2개 중 %1개</translation>
    </message>
    <message>
        <source>Output head (logits)</source>
        <translation>출력 헤드 (로짓)</translation>
    </message>
    <message>
        <source>Transformer block × %1 layers</source>
        <translation>트랜스포머 블록 × %1층</translation>
    </message>
    <message>
        <source>tied: reuses the token embedding (0 new)</source>
        <translation>묶임: 토큰 임베딩을 다시 씀 (새 매개변수 0개)</translation>
    </message>
    <message>
        <source>no weights</source>
        <translation>가중치 없음</translation>
    </message>
    <message>
        <source>%1 per layer</source>
        <translation>층마다 %1개</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>매개변수 %1개</translation>
    </message>
    <message>
        <source> (%1 active)</source>
        <translation> (활성 %1개)</translation>
    </message>
    <message>
        <source>No architecture yet</source>
        <translation>아직 아키텍처가 없습니다</translation>
    </message>
    <message>
        <source>, %1 active per token</source>
        <translation>, 토큰당 활성 %1개</translation>
    </message>
</context>
<context>
    <name>glassbox::views::ArchitectureView</name>
    <message>
        <source>Weights of a block</source>
        <translation>블록의 가중치</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>층:</translation>
    </message>
    <message>
        <source>%1 — %2, layer %3</source>
        <translation>%1 — %2, %3층</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Reading the weights…</source>
        <translation>가중치를 읽는 중…</translation>
    </message>
    <message>
        <source>No weights of %1 are loaded here: open a model directory of this architecture to see its weights.</source>
        <translation>%1의 가중치는 여기 불러와 있지 않습니다. 가중치를 보려면 이 아키텍처의 모델 디렉터리를 여세요.</translation>
    </message>
</context>
<context>
    <name>glassbox::views::AttentionScratchView</name>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>1. Simplified self-attention</source>
        <translation>1. 단순화한 셀프 어텐션</translation>
    </message>
    <message>
        <source>2. Trainable weights (W_q, W_k, W_v)</source>
        <translation>2. 학습 가능한 가중치 (W_q, W_k, W_v)</translation>
    </message>
    <message>
        <source>3. Causal mask</source>
        <translation>3. 코잘 마스크</translation>
    </message>
    <message>
        <source>4. Multi-head (2 heads)</source>
        <translation>4. 멀티 헤드 (헤드 2개)</translation>
    </message>
    <message>
        <source>Each word&apos;s score with every other word is a dot product (ω = X·Xᵀ). Softmax turns each row into weights that sum to 1, and each context vector is the weighted sum of all inputs.</source>
        <translation>각 단어와 다른 모든 단어의 점수는 내적입니다 (ω = X·Xᵀ). 소프트맥스가 각 행을 합이 1인 가중치로 바꾸고, 각 문맥 벡터는 모든 입력의 가중합입니다.</translation>
    </message>
    <message>
        <source>Three trainable matrices project each input into a query, a key and a value. Scores are queries times keys, scaled by 1/√d_k before softmax; the context vectors mix the values.</source>
        <translation>학습 가능한 세 행렬이 각 입력을 쿼리, 키, 값으로 투영합니다. 점수는 쿼리 곱하기 키이며 소프트맥스 전에 1/√d_k로 스케일링합니다. 문맥 벡터는 값들을 섞은 것입니다.</translation>
    </message>
    <message>
        <source>A language model must not peek at the future: scores above the diagonal are set to −∞, so after softmax each word attends only to itself and the words before it.</source>
        <translation>언어 모델은 미래를 엿보면 안 됩니다. 대각선 위의 점수를 −∞로 바꾸므로, 소프트맥스 뒤에 각 단어는 자기 자신과 앞의 단어들에만 주목합니다.</translation>
    </message>
    <message>
        <source>Several heads run side by side, each with its own weights, so each can attend to something different. Their context vectors are concatenated.</source>
        <translation>여러 헤드가 각자의 가중치로 나란히 실행되므로, 헤드마다 다른 것에 주목할 수 있습니다. 헤드들의 문맥 벡터는 이어 붙여집니다.</translation>
    </message>
</context>
<context>
    <name>glassbox::views::AttentionVariantsView</name>
    <message>
        <source>KV-cache memory</source>
        <translation>KV 캐시 메모리</translation>
    </message>
    <message>
        <source>Generation speed (measured)</source>
        <translation>생성 속도 (측정값)</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>측정 안 함</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>초당 %1 토큰</translation>
    </message>
    <message>
        <source>Context (positions):</source>
        <translation>문맥 (위치 수):</translation>
    </message>
    <message>
        <source>Bytes per value:</source>
        <translation>값 하나의 바이트 수:</translation>
    </message>
    <message>
        <source>2 (16-bit: f16, bf16)</source>
        <translation>2 (16비트: f16, bf16)</translation>
    </message>
    <message>
        <source>4 (32-bit float)</source>
        <translation>4 (32비트 부동소수점)</translation>
    </message>
    <message>
        <source>1 (8-bit quantised)</source>
        <translation>1 (8비트 양자화)</translation>
    </message>
    <message>
        <source>%1: 2 · %2 layers · %3 key-value heads · %4 (head size) · %5 positions · %6 bytes = %7</source>
        <translation>%1: 2 · %2층 · 키-값 헤드 %3개 · %4 (헤드 크기) · 위치 %5개 · %6바이트 = %7</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 layers, %3 query heads of size %4. Every generated token adds its keys and values to the cache; sharing key-value heads between query heads shrinks it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2층, 크기 %4인 쿼리 헤드 %3개. 생성된 토큰마다 키와 값이 캐시에 더해집니다. 쿼리 헤드들이 키-값 헤드를 나눠 쓰면 캐시가 줄어듭니다.</translation>
    </message>
    <message>
        <source>Speeds measured here, now, generating with %1-shaped models of each kind.</source>
        <translation>속도는 지금 이 컴퓨터에서, 종류마다 %1 모양의 모델로 생성하며 측정했습니다.</translation>
    </message>
</context>
<context>
    <name>glassbox::views::AttentionView</name>
    <message>
        <source>Type a sentence to see its attention</source>
        <translation>문장을 입력하면 어텐션을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>헤드</translation>
    </message>
    <message>
        <source>Show the causal mask</source>
        <translation>코잘 마스크 보기</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>어텐션 가중치</translation>
    </message>
    <message>
        <source>key (attended to)</source>
        <translation>키 (주목받는 쪽)</translation>
    </message>
    <message>
        <source>query (attending)</source>
        <translation>쿼리 (주목하는 쪽)</translation>
    </message>
    <message>
        <source>Hover over a cell to read its weight.</source>
        <translation>칸에 마우스를 올리면 가중치를 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>모든 헤드</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>헤드 %1</translation>
    </message>
    <message>
        <source>Click to open head %1</source>
        <translation>클릭하면 헤드 %1을(를) 엽니다</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (position %2) may not look ahead at &quot;%3&quot; (position %4): masked</source>
        <translation>&quot;%1&quot;(위치 %2)은(는) 뒤에 있는 &quot;%3&quot;(위치 %4)을(를) 볼 수 없습니다: 마스크됨</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (position %2) attends to &quot;%3&quot; (position %4) with weight %5</source>
        <translation>&quot;%1&quot;(위치 %2)이(가) &quot;%3&quot;(위치 %4)에 가중치 %5(으)로 주목합니다</translation>
    </message>
</context>
<context>
    <name>glassbox::views::BpeView</name>
    <message>
        <source>Merges, in the order learned (pair → new token, count)</source>
        <translation>배운 순서대로의 병합 (쌍 → 새 토큰, 횟수)</translation>
    </message>
    <message>
        <source>Sample sentence</source>
        <translation>예시 문장</translation>
    </message>
    <message>
        <source>%1.  %2 + %3 → %4   (%5×)</source>
        <translation>%1.  %2 + %3 → %4   (%5번)</translation>
    </message>
    <message>
        <source>Merges applied: %1 of %2</source>
        <translation>적용한 병합: %2개 중 %1개</translation>
    </message>
    <message>
        <source>%1 characters → %2 tokens</source>
        <translation>문자 %1개 → 토큰 %2개</translation>
    </message>
</context>
<context>
    <name>glassbox::views::ChatView</name>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>마크다운 내보내기…</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>시스템 프롬프트</translation>
    </message>
    <message>
        <source>Instructions the model reads before the conversation (empty: none)</source>
        <translation>모델이 대화 전에 읽는 지시(비우면 없음)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>최대 토큰</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>0 always takes the most likely token; higher values take more risks.</source>
        <translation>0이면 항상 가장 그럴듯한 토큰을 고르고, 값이 클수록 모험을 합니다.</translation>
    </message>
    <message>
        <source>Sample only from the k most likely tokens (off: from all).</source>
        <translation>가장 그럴듯한 토큰 k개 중에서만 뽑습니다(끔: 전체에서).</translation>
    </message>
    <message>
        <source>Sample only from the most likely tokens whose probabilities add up to p.</source>
        <translation>확률의 합이 p가 될 때까지의 가장 그럴듯한 토큰들 중에서만 뽑습니다.</translation>
    </message>
    <message>
        <source>The same seed, prompt and settings give the same answer. Regenerate uses the next seeds.</source>
        <translation>같은 시드, 프롬프트, 설정은 같은 답을 냅니다. 다시 생성은 다음 시드를 씁니다.</translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation>고치기 취소</translation>
    </message>
    <message>
        <source>Editing your message: Send asks again with the new text, as a new branch (the old one is kept).</source>
        <translation>메시지를 고치는 중: 보내면 새 글로 다시 묻고 새 갈래가 됩니다(이전 갈래는 남습니다).</translation>
    </message>
    <message>
        <source>Type a message (Enter sends, Shift+Enter starts a new line)</source>
        <translation>메시지를 입력하세요(Enter로 보내기, Shift+Enter로 줄바꿈)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>다시 보내기</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>다시 생성</translation>
    </message>
    <message>
        <source>Token colour: the model&apos;s probability</source>
        <translation>토큰 색: 모델이 준 확률</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>어시스턴트</translation>
    </message>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>고치기</translation>
    </message>
    <message>
        <source>Ask the model something. Each word of its answer will be coloured by how sure it was.</source>
        <translation>모델에게 무엇이든 물어보세요. 답의 단어마다 모델이 얼마나 확신했는지에 따라 색이 칠해집니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — probability %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — 확률 %2</translation>
    </message>
    <message>
        <source>The model&apos;s top %1 here:</source>
        <translation>이 자리에서 모델의 상위 %1개:</translation>
    </message>
    <message>
        <source>Click to branch the answer from here.</source>
        <translation>클릭하면 여기서부터 답을 갈라 씁니다.</translation>
    </message>
    <message>
        <source>Branch from here with…</source>
        <translation>여기서부터 이 토큰으로 갈라 쓰기…</translation>
    </message>
    <message>
        <source>Show the attention of this token</source>
        <translation>이 토큰의 어텐션 보기</translation>
    </message>
    <message>
        <source>Context used %1 of %2 tokens</source>
        <translation>문맥 사용량 %1 / %2 토큰</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>초당 %1 토큰</translation>
    </message>
</context>
<context>
    <name>glassbox::views::ClassifierView</name>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>loss (cross-entropy)</source>
        <translation>손실 (교차 엔트로피)</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>훈련 손실</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>훈련 정확도</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <source>Type a message:</source>
        <translation>메시지를 입력해 보세요:</translation>
    </message>
    <message>
        <source>e.g. You have won a free cruise, click here</source>
        <translation>예: You have won a free cruise, click here</translation>
    </message>
    <message>
        <source>is %1</source>
        <translation>실제 %1</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>예측 %1</translation>
    </message>
    <message>
        <source>Test accuracy: %1 before finetuning, %2 after (%3 messages)</source>
        <translation>테스트 정확도: 파인튜닝 전 %1, 후 %2 (메시지 %3개)</translation>
    </message>
    <message>
        <source>Test accuracy: %1 (%2 messages)</source>
        <translation>테스트 정확도: %1 (메시지 %2개)</translation>
    </message>
    <message>
        <source>→ %1 (%2)</source>
        <translation>→ %1 (%2)</translation>
    </message>
    <message>
        <source>ham</source>
        <extracomment>A legitimate e-mail, as opposed to spam.</extracomment>
        <translation>정상 메일</translation>
    </message>
    <message>
        <source>spam</source>
        <translation>스팸</translation>
    </message>
</context>
<context>
    <name>glassbox::views::EmbeddingSumView</name>
    <message>
        <source>Each token&apos;s embedding plus the embedding of its position gives the vector the transformer reads. The same word at two positions becomes two different vectors.</source>
        <translation>각 토큰의 임베딩에 그 위치의 임베딩을 더하면 트랜스포머가 읽는 벡터가 됩니다. 같은 단어라도 위치가 다르면 서로 다른 벡터가 됩니다.</translation>
    </message>
    <message>
        <source>input embeddings</source>
        <translation>입력 임베딩</translation>
    </message>
</context>
<context>
    <name>glassbox::views::EmbeddingView</name>
    <message>
        <source>Token</source>
        <translation>토큰</translation>
    </message>
    <message>
        <source>principal component 1</source>
        <translation>주성분 1</translation>
    </message>
    <message>
        <source>principal component 2</source>
        <translation>주성분 2</translation>
    </message>
    <message>
        <source>Nearest neighbours (cosine similarity)</source>
        <translation>가장 가까운 이웃 (코사인 유사도)</translation>
    </message>
</context>
<context>
    <name>glassbox::views::KvCacheView</name>
    <message>
        <source>Generated tokens:</source>
        <translation>생성된 토큰:</translation>
    </message>
    <message>
        <source>Use the KV cache</source>
        <translation>KV 캐시 사용</translation>
    </message>
    <message>
        <source>After %1 new tokens: &lt;b&gt;%2&lt;/b&gt; key/value rows computed per layer with the cache, &lt;b&gt;%3&lt;/b&gt; without (the cache holds %4 per token for all %5 layers).</source>
        <translation>새 토큰 %1개 후: 층마다 계산한 키/값 행은 캐시를 쓰면 &lt;b&gt;%2&lt;/b&gt;개, 안 쓰면 &lt;b&gt;%3&lt;/b&gt;개입니다(캐시는 %5개 층 전체에 대해 토큰당 %4를 차지합니다).</translation>
    </message>
    <message>
        <source>Measured on %1: &lt;b&gt;%2 tokens/s&lt;/b&gt; with the cache, %3 tokens/s without: &lt;b&gt;%4× faster&lt;/b&gt;.</source>
        <translation>%1에서 측정: 캐시를 쓰면 &lt;b&gt;초당 %2 토큰&lt;/b&gt;, 안 쓰면 초당 %3 토큰: &lt;b&gt;%4배 빠름&lt;/b&gt;.</translation>
    </message>
</context>
<context>
    <name>glassbox::views::LossChartView</name>
    <message>
        <source>training step</source>
        <translation>훈련 스텝</translation>
    </message>
    <message>
        <source>loss (cross-entropy)</source>
        <translation>손실 (교차 엔트로피)</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>훈련 손실</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>검증 손실</translation>
    </message>
</context>
<context>
    <name>glassbox::views::MatrixWidget</name>
    <message>
        <source>masked (−∞)</source>
        <translation>마스크됨 (−∞)</translation>
    </message>
    <message>
        <source>%1 — row %2, column %3: %4</source>
        <translation>%1 — %2행, %3열: %4</translation>
    </message>
</context>
<context>
    <name>glassbox::views::MoeRouterView</name>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>토큰 수</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>층:</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: each token goes to %2 of %3 experts in each of %4 layers.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %4개 층마다 각 토큰이 전문가 %3개 중 %2개로 갑니다.</translation>
    </message>
    <message>
        <source>Active parameters per token: &lt;b&gt;%1&lt;/b&gt; of %2 (%3%).</source>
        <translation>토큰당 활성 매개변수: %2개 중 &lt;b&gt;%1&lt;/b&gt;개 (%3%).</translation>
    </message>
</context>
<context>
    <name>glassbox::views::NextTokenView</name>
    <message>
        <source>Temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Greedy: take the most likely</source>
        <translation>Greedy: 가장 가능성 높은 것 고르기</translation>
    </message>
    <message>
        <source>Sample: roll the dice</source>
        <translation>Sample: 주사위 굴리기</translation>
    </message>
    <message>
        <source>Prompt: &lt;b&gt;%1&lt;/b&gt;▌</source>
        <translation>프롬프트: &lt;b&gt;%1&lt;/b&gt;▌</translation>
    </message>
</context>
<context>
    <name>glassbox::views::PipelineView</name>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>토큰</translation>
    </message>
    <message>
        <source>Token IDs</source>
        <translation>토큰 ID</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>임베딩</translation>
    </message>
    <message>
        <source>Transformer blocks</source>
        <translation>트랜스포머 블록</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>다음 토큰</translation>
    </message>
    <message>
        <source>one vector of numbers per token</source>
        <translation>토큰마다 숫자 벡터 하나</translation>
    </message>
    <message>
        <source>attention + feed-forward, × %1</source>
        <translation>어텐션 + 피드포워드, × %1</translation>
    </message>
</context>
<context>
    <name>glassbox::views::ResponseTableView</name>
    <message>
        <source>Instruction</source>
        <translation>지시</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>기대한 답</translation>
    </message>
    <message>
        <source>mean %1</source>
        <translation>평균 %1</translation>
    </message>
</context>
<context>
    <name>glassbox::views::SlidingWindowView</name>
    <message>
        <source>Context length</source>
        <translation>문맥 길이</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>스트라이드</translation>
    </message>
    <message>
        <source>Window %1 of %2</source>
        <translation>윈도 %1 / %2</translation>
    </message>
    <message>
        <source>The text is too short for this context length.</source>
        <translation>이 문맥 길이에 비해 텍스트가 너무 짧습니다.</translation>
    </message>
    <message>
        <source>input x:</source>
        <translation>입력 x:</translation>
    </message>
    <message>
        <source>target y:</source>
        <translation>정답 y:</translation>
    </message>
    <message>
        <source>What the model learns from this one window:</source>
        <translation>이 윈도 하나에서 모델이 배우는 것:</translation>
    </message>
    <message>
        <source>input (context = %1)</source>
        <translation>입력 (문맥 = %1)</translation>
    </message>
    <message>
        <source>target (shifted by one)</source>
        <translation>정답 (한 칸 밀림)</translation>
    </message>
</context>
<context>
    <name>glassbox::views::StudioView</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>시작 전</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>학습 스텝</translation>
    </message>
    <message>
        <source>loss (cross-entropy)</source>
        <translation>손실 (교차 엔트로피)</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>tokens per second</source>
        <translation>초당 토큰</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>토큰/초</translation>
    </message>
    <message>
        <source>Loss and learning rate</source>
        <translation>손실과 학습률</translation>
    </message>
    <message>
        <source>Samples from the fixed prompt appear here every few steps.</source>
        <translation>고정된 프롬프트로 만든 샘플이 몇 스텝마다 여기 나타납니다.</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>스냅숏</translation>
    </message>
    <message>
        <source>no snapshot yet</source>
        <translation>아직 스냅숏 없음</translation>
    </message>
    <message>
        <source>Attention through time</source>
        <translation>시간에 따른 어텐션</translation>
    </message>
    <message>
        <source>ln %1 = %2 (uniform guess)</source>
        <translation>ln %1 = %2 (균등 추측)</translation>
    </message>
    <message>
        <source>initial loss %1</source>
        <translation>초기 손실 %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>스텝 %1</translation>
    </message>
    <message>
        <source>step %1 (%2 of %3)</source>
        <translation>스텝 %1 (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>스텝 %1 / %2</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>%1 경과</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>약 %1 남음</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 토큰/초</translation>
    </message>
    <message>
        <source>train %1</source>
        <translation>학습 %1</translation>
    </message>
    <message>
        <source>val %1</source>
        <translation>검증 %1</translation>
    </message>
</context>
<context>
    <name>glassbox::views::TokenChips</name>
    <message>
        <source>Token %1
id: %2
bytes: %3 (%4 to %5)
text: &quot;%6&quot;</source>
        <translation>토큰 %1
ID: %2
바이트: %3 (%4부터 %5까지)
텍스트: &quot;%6&quot;</translation>
    </message>
    <message>
        <source>part of a character</source>
        <translation>글자의 일부</translation>
    </message>
    <message>
        <source>These bytes are only part of a UTF-8 character; the next token completes it.</source>
        <translation>이 바이트들은 UTF-8 글자의 일부일 뿐이며, 다음 토큰이 글자를 완성합니다.</translation>
    </message>
</context>
<context>
    <name>glassbox::views::TokenView</name>
    <message>
        <source>Type any text to see its tokens</source>
        <translation>텍스트를 입력하면 토큰을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Show whitespace</source>
        <translation>공백 표시</translation>
    </message>
    <message>
        <source>Show token IDs</source>
        <translation>토큰 ID 표시</translation>
    </message>
    <message>
        <source>%1 characters · %2 bytes · %3 tokens · %4 characters per token</source>
        <translation>문자 %1개 · %2바이트 · 토큰 %3개 · 토큰당 %4글자</translation>
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
    <name>glassbox::views::WeightStatsWidget</name>
    <message>
        <source>Click a block to see its weights</source>
        <translation>블록을 클릭하면 가중치를 볼 수 있습니다</translation>
    </message>
    <message>
        <source>mean %1   std %2   min %3   max %4</source>
        <translation>평균 %1   표준편차 %2   최솟값 %3   최댓값 %4</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Glassbox: learn how large language models work.</source>
        <translation>Glassbox: 대규모 언어 모델이 어떻게 작동하는지 배웁니다.</translation>
    </message>
    <message>
        <source>Render every lesson step to DIR as PNG and exit.</source>
        <translation>모든 레슨 단계를 DIR에 PNG로 그린 뒤 끝냅니다.</translation>
    </message>
    <message>
        <source>Language: en or ko.</source>
        <translation>언어: en 또는 ko.</translation>
    </message>
    <message>
        <source>Load lessons from DIR instead of the built-in ones.</source>
        <translation>내장 레슨 대신 DIR에서 레슨을 불러옵니다.</translation>
    </message>
    <message>
        <source>Start with the dark theme.</source>
        <translation>어두운 테마로 시작합니다.</translation>
    </message>
    <message>
        <source>Start in presenter mode.</source>
        <translation>발표자 모드로 시작합니다.</translation>
    </message>
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
