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
</TS>
