<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>MainWindow</name>
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
</context>
<context>
    <name>StudioPage</name>
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
        <source>Sample curve (hand-made): the studio trains in the app.</source>
        <translation>예시 곡선(손으로 만든 값): 스튜디오는 앱 안에서 학습합니다.</translation>
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
    <name>StudioView</name>
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
</TS>
