<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
    <name>glassbox::app::MainWindow</name>
    <message>
        <source>A classifier is finetuning</source>
        <translation>분류기를 파인튜닝하는 중입니다</translation>
    </message>
    <message>
        <source>The spam classifier is still finetuning. Quit and lose this run? (Only a finished run can be saved.)</source>
        <translation>스팸 분류기를 아직 파인튜닝하는 중입니다. 종료하고 이 실행을 버릴까요? (끝난 실행만 저장할 수 있습니다.)</translation>
    </message>
</context>
</TS>
