<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ArchDiagramWidget</name>
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
        <source>No architecture yet</source>
        <translation>아직 아키텍처가 없습니다</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>매개변수 %1개</translation>
    </message>
    <message>
        <source>, %1 active per token</source>
        <translation>, 토큰당 활성 %1개</translation>
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
        <source> (%1 active)</source>
        <translation> (활성 %1개)</translation>
    </message>
</context>
<context>
    <name>ArchViews</name>
    <message>
        <source>No pretrained model is loaded: small sizes show freshly initialised (untrained) weights when clicked. Open a GPT-2 or SmolLM2 directory to see trained ones.</source>
        <translation>사전 학습된 모델이 열려 있지 않습니다. 작은 크기의 모델은 클릭하면 막 초기화된(학습되지 않은) 가중치를 보여 줍니다. 학습된 가중치를 보려면 GPT-2나 SmolLM2 디렉터리를 여세요.</translation>
    </message>
    <message>
        <source>Memory comes from the formula. Measured speeds need Llama-family models, which this build cannot make yet.</source>
        <translation>메모리는 공식으로 계산합니다. 속도를 측정하려면 Llama 계열 모델이 필요한데, 이 빌드는 아직 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>An untrained model generates here, so the words are noise; the cache works the same for any model, and the speed-up is measured, not assumed.</source>
        <translation>여기서는 학습되지 않은 모델이 생성하므로 단어는 의미 없는 잡음입니다. 캐시는 어떤 모델에서나 똑같이 작동하며, 속도 향상은 가정이 아니라 측정한 값입니다.</translation>
    </message>
    <message>
        <source>Sample routing (hand-made, Mixtral-shaped: 8 experts, 2 per token). The parameter counts are Mixtral 8x7B&apos;s, computed from its configuration.</source>
        <translation>예시 라우팅입니다(손으로 만든 Mixtral 모양: 전문가 8개, 토큰당 2개). 매개변수 개수는 Mixtral 8x7B의 설정으로부터 계산한 값입니다.</translation>
    </message>
    <message>
        <source>An untrained router chooses here (random weights), so the pattern is arbitrary; training with the load-balancing loss spreads tokens over the experts.</source>
        <translation>여기서는 학습되지 않은 라우터(무작위 가중치)가 고르므로 패턴은 임의적입니다. 부하 균형 손실과 함께 학습하면 토큰이 전문가들에게 고르게 퍼집니다.</translation>
    </message>
</context>
<context>
    <name>ArchitectureView</name>
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
    <name>AttentionVariantsView</name>
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
    <name>MoeRouterView</name>
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
    <name>WeightStatsWidget</name>
    <message>
        <source>Click a block to see its weights</source>
        <translation>블록을 클릭하면 가중치를 볼 수 있습니다</translation>
    </message>
    <message>
        <source>mean %1   std %2   min %3   max %4</source>
        <translation>평균 %1   표준편차 %2   최솟값 %3   최댓값 %4</translation>
    </message>
</context>
</TS>
