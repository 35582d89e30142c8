<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
        <translation>Alpaca JSON 파일: [{"instruction", "input", "output"}, …]</translation>
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
    <name>glassbox::app::MainWindow</name>
    <message>
        <source>A model is being finetuned</source>
        <translation>모델을 파인튜닝하는 중입니다</translation>
    </message>
    <message>
        <source>Instruction finetuning is running and will be lost if you quit. Quit anyway?</source>
        <translation>지시 파인튜닝이 실행 중이며 종료하면 잃게 됩니다. 그래도 종료할까요?</translation>
    </message>
</context>
</TS>
