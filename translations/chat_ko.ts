<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
    <name>ViewFactory</name>
    <message>
        <source>A sample conversation (hand-made): load a model to chat with it.</source>
        <translation>예시 대화(직접 만든 것)입니다. 모델을 불러오면 그 모델과 대화할 수 있습니다.</translation>
    </message>
</context>
</TS>
