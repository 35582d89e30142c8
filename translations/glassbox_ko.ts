<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>DataSource</name>
    <message>
        <source>none (sample data)</source>
        <translation>없음 (예시 데이터)</translation>
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
        <source>Checking %1</source>
        <translation>%1 확인 중</translation>
    </message>
</context>
<context>
    <name>ModelCheck</name>
    <message>
        <source>%1 has no config.json: this is not a model directory.</source>
        <translation>%1에 config.json이 없습니다. 모델 디렉터리가 아닙니다.</translation>
    </message>
    <message>
        <source>config.json cannot be read: %1</source>
        <translation>config.json을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>config.json is not valid JSON: %1</source>
        <translation>config.json이 올바른 JSON이 아닙니다: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>%1 has no model.safetensors.</source>
        <translation>%1에 model.safetensors가 없습니다.</translation>
    </message>
    <message>
        <source>model.safetensors cannot be read: %1</source>
        <translation>model.safetensors를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>model.safetensors is too short to be a safetensors file.</source>
        <translation>model.safetensors가 너무 짧아서 safetensors 파일일 수 없습니다.</translation>
    </message>
    <message>
        <source>model.safetensors has an impossible header length (%1 bytes).</source>
        <translation>model.safetensors의 헤더 길이(%1바이트)가 불가능한 값입니다.</translation>
    </message>
    <message>
        <source>The header of model.safetensors is not valid JSON: %1</source>
        <translation>model.safetensors의 헤더가 올바른 JSON이 아닙니다: %1</translation>
    </message>
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
    <name>ViewFactory</name>
    <message>
        <source>Sample tokenizer (%1), built into Glassbox: load a model to see its real tokenizer.</source>
        <translation>Glassbox에 들어 있는 예시 토크나이저(%1)입니다. 모델을 불러오면 실제 토크나이저를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Sample embeddings (hand-made, 8 dimensions): load a model to see its own.</source>
        <translation>예시 임베딩(손으로 만든 8차원)입니다. 모델을 불러오면 그 모델의 임베딩을 볼 수 있습니다.</translation>
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
        <source>Sample distribution (hand-written) — load a model to see its real predictions.</source>
        <translation>예시 분포(손으로 쓴 값)입니다 — 모델을 불러오면 실제 예측을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Unknown view &quot;%1&quot;. Known views: %2</source>
        <translation>알 수 없는 뷰 &quot;%1&quot;. 사용할 수 있는 뷰: %2</translation>
    </message>
    <message>
        <source>Sample values (small random numbers, 4 dimensions) — a model&apos;s own tables are learned and much wider.</source>
        <translation>예시 값(작은 무작위 수, 4차원)입니다 — 실제 모델의 표는 학습된 값이며 훨씬 넓습니다.</translation>
    </message>
    <message>
        <source>This BPE is trained right here, on the short text below: a real tokenizer learns tens of thousands of merges from gigabytes.</source>
        <translation>이 BPE는 아래의 짧은 텍스트로 바로 여기서 훈련한 것입니다. 실제 토크나이저는 기가바이트 분량의 텍스트에서 수만 번의 병합을 배웁니다.</translation>
    </message>
    <message>
        <source>Sample tokens, IDs and probabilities (no model loaded).</source>
        <translation>예시 토큰, ID, 확률입니다 (불러온 모델 없음).</translation>
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
        <source>Token IDs from the built-in sample tokenizer (numbered by this text&apos;s own vocabulary).</source>
        <translation>내장 예시 토크나이저가 만든 토큰 ID입니다 (이 텍스트 자체의 어휘 사전으로 번호를 매김).</translation>
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
        <source>Model: %1</source>
        <translation>모델: %1</translation>
    </message>
    <message>
        <source>Device: CPU</source>
        <translation>장치: CPU</translation>
    </message>
    <message>
        <source>Memory: %1 MB</source>
        <translation>메모리: %1 MB</translation>
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
        <source>Model: %1 (%2, %3 tensors) — checked; running it arrives with the engine</source>
        <translation>모델: %1 (%2, 텐서 %3개) — 확인됨. 실행은 엔진과 함께 제공됩니다</translation>
    </message>
    <message>
        <source>Cannot open this model</source>
        <translation>이 모델을 열 수 없습니다</translation>
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
    <name>glassbox::views::AttentionView</name>
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
    <message>
        <source>Type a sentence to see its attention</source>
        <translation>문장을 입력하면 어텐션을 볼 수 있습니다</translation>
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
</context>
</TS>
