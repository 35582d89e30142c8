<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
</context>
<context>
    <name>ViewFactory</name>
    <message>
        <source>Sample run (hand-made) — finetune with glassbox-cli finetune classify to see your own.</source>
        <translation>예시 실행 (직접 만든 데이터) — glassbox-cli finetune classify로 파인튜닝하면 여러분의 결과가 보입니다.</translation>
    </message>
    <message>
        <source>Sample answers (hand-made) — run glassbox-cli eval instruct to see your models&apos; own.</source>
        <translation>예시 답변 (직접 만든 데이터) — glassbox-cli eval instruct를 실행하면 여러분 모델의 답이 보입니다.</translation>
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
</TS>
