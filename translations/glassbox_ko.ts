<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AttentionScratchView</name>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="17"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="19"/>
        <source>1. Simplified self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="19"/>
        <source>2. Trainable weights (W_q, W_k, W_v)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="20"/>
        <source>3. Causal mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="20"/>
        <source>4. Multi-head (2 heads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="49"/>
        <source>Each word&apos;s score with every other word is a dot product (ω = X·Xᵀ). Softmax turns each row into weights that sum to 1, and each context vector is the weighted sum of all inputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="51"/>
        <source>Three trainable matrices project each input into a query, a key and a value. Scores are queries times keys, scaled by 1/√d_k before softmax; the context vectors mix the values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="53"/>
        <source>A language model must not peek at the future: scores above the diagonal are set to −∞, so after softmax each word attends only to itself and the words before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_scratch_view.cpp" line="55"/>
        <source>Several heads run side by side, each with its own weights, so each can attend to something different. Their context vectors are concatenated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttentionView</name>
    <message>
        <location filename="../views/attention_view.cpp" line="54"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="58"/>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="62"/>
        <source>Show the causal mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="81"/>
        <source>attention weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="84"/>
        <source>key (attended to)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="85"/>
        <source>query (attending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="93"/>
        <source>Hover over a cell to read its weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="127"/>
        <source>All heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="128"/>
        <location filename="../views/attention_view.cpp" line="162"/>
        <source>Head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="163"/>
        <source>Click to open head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="204"/>
        <source>&quot;%1&quot; (position %2) may not look ahead at &quot;%3&quot; (position %4): masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/attention_view.cpp" line="206"/>
        <source>&quot;%1&quot; (position %2) attends to &quot;%3&quot; (position %4) with weight %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataSource</name>
    <message>
        <location filename="../app/data_source.cpp" line="10"/>
        <source>none (sample data)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmbeddingSumView</name>
    <message>
        <location filename="../views/embedding_view.cpp" line="211"/>
        <source>Each token&apos;s embedding plus the embedding of its position gives the vector the transformer reads. The same word at two positions becomes two different vectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/embedding_view.cpp" line="223"/>
        <source>input embeddings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmbeddingView</name>
    <message>
        <location filename="../views/embedding_view.cpp" line="101"/>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/embedding_view.cpp" line="109"/>
        <source>principal component 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/embedding_view.cpp" line="110"/>
        <source>principal component 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/embedding_view.cpp" line="113"/>
        <source>Nearest neighbours (cosine similarity)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineWorker</name>
    <message>
        <location filename="../app/engine_worker.cpp" line="10"/>
        <location filename="../app/engine_worker.cpp" line="19"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/engine_worker.cpp" line="24"/>
        <source>The job failed with an unknown error.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../views/export.cpp" line="57"/>
        <source>Unknown export format &quot;%1&quot;: use .png, .svg, .pdf or .csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/export.cpp" line="60"/>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/export.cpp" line="65"/>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/export.cpp" line="65"/>
        <source>SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/export.cpp" line="65"/>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/export.cpp" line="66"/>
        <source>CSV data (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonLibrary</name>
    <message>
        <location filename="../app/lesson_library.cpp" line="18"/>
        <source>missing &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="22"/>
        <source>&quot;%1&quot; must be an object like {&quot;en&quot;: &quot;…&quot;, &quot;ko&quot;: &quot;…&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="27"/>
        <source>&quot;%1&quot; has no English text (&quot;en&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="48"/>
        <source>%1: line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="52"/>
        <source>%1: the file must hold one JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="61"/>
        <location filename="../app/lesson_library.cpp" line="79"/>
        <source>missing &quot;id&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="62"/>
        <source>&quot;number&quot; must be a positive integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="66"/>
        <source>&quot;steps&quot; must be a non-empty array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="70"/>
        <source>step %1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="80"/>
        <source>missing &quot;view&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="85"/>
        <source>step %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="92"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="104"/>
        <source>No lesson files (*.json) in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_library.cpp" line="110"/>
        <source>%1: cannot be read (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonPage</name>
    <message>
        <location filename="../app/lesson_page.cpp" line="69"/>
        <source>◀  Previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_page.cpp" line="70"/>
        <source>Next step  ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_page.cpp" line="71"/>
        <source>Alt+Left or Page Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_page.cpp" line="72"/>
        <source>Alt+Right or Page Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_page.cpp" line="73"/>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_page.cpp" line="81"/>
        <source>Lesson %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/lesson_page.cpp" line="86"/>
        <source>Try this:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/main_window.cpp" line="147"/>
        <source>Glassbox — how large language models work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="148"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="149"/>
        <source>Open &amp;model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="150"/>
        <source>Open &amp;text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="151"/>
        <source>&amp;Export view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="152"/>
        <source>&amp;Reload lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="153"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="154"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="155"/>
        <source>&amp;Presenter mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="156"/>
        <source>&amp;Dark theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="157"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="158"/>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="159"/>
        <source>&amp;Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="160"/>
        <source>&amp;Previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="161"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="162"/>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="163"/>
        <source>Device: CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="169"/>
        <source>Memory: %1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="175"/>
        <source>Some lessons could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="176"/>
        <source>These lesson files have problems and were skipped:

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.cpp" line="188"/>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="17"/>
        <source>Open a model directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="20"/>
        <source>Checking %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="24"/>
        <source>Opening model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="32"/>
        <source>Model: %1 (%2, %3 tensors) — checked; running it arrives with the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="39"/>
        <source>Cannot open this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="44"/>
        <source>Open a text file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="44"/>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="49"/>
        <source>Reading text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="63"/>
        <source>Cannot open this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="71"/>
        <source>Export view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window_files.cpp" line="75"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatrixWidget</name>
    <message>
        <location filename="../views/matrix_widget.cpp" line="138"/>
        <source>masked (−∞)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/matrix_widget.cpp" line="140"/>
        <source>%1 — row %2, column %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelCheck</name>
    <message>
        <location filename="../app/model_check.cpp" line="25"/>
        <source>%1 has no config.json: this is not a model directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="26"/>
        <source>config.json cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="30"/>
        <source>config.json is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="31"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="34"/>
        <source>%1 has no model.safetensors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="35"/>
        <source>model.safetensors cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="38"/>
        <source>model.safetensors is too short to be a safetensors file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="41"/>
        <source>model.safetensors has an impossible header length (%1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="44"/>
        <source>The header of model.safetensors is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="51"/>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="52"/>
        <source>%1 is larger than 16 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model_check.cpp" line="56"/>
        <source>%1 is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NextTokenView</name>
    <message>
        <location filename="../views/next_token_view.cpp" line="68"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/next_token_view.cpp" line="69"/>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/next_token_view.cpp" line="70"/>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/next_token_view.cpp" line="86"/>
        <source>Greedy: take the most likely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/next_token_view.cpp" line="87"/>
        <source>Sample: roll the dice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/next_token_view.cpp" line="122"/>
        <source>Prompt: &lt;b&gt;%1&lt;/b&gt;▌</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelineView</name>
    <message>
        <location filename="../views/pipeline_view.cpp" line="29"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pipeline_view.cpp" line="30"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pipeline_view.cpp" line="31"/>
        <source>Token IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pipeline_view.cpp" line="32"/>
        <source>Embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pipeline_view.cpp" line="33"/>
        <source>Transformer blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pipeline_view.cpp" line="34"/>
        <source>Next token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pipeline_view.cpp" line="118"/>
        <source>one vector of numbers per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pipeline_view.cpp" line="130"/>
        <source>attention + feed-forward, × %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Screenshot</name>
    <message>
        <location filename="../app/screenshot.cpp" line="24"/>
        <source>Cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/screenshot.cpp" line="40"/>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlidingWindowView</name>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="35"/>
        <source>Context length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="41"/>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="111"/>
        <source>Window %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="113"/>
        <source>The text is too short for this context length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="120"/>
        <source>input x:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="122"/>
        <source>target y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="123"/>
        <source>What the model learns from this one window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="182"/>
        <source>input (context = %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/sliding_window_view.cpp" line="183"/>
        <source>target (shifted by one)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenChips</name>
    <message>
        <location filename="../views/token_view.cpp" line="71"/>
        <source>Token %1
id: %2
bytes: %3 (%4 to %5)
text: &quot;%6&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/token_view.cpp" line="77"/>
        <source>part of a character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/token_view.cpp" line="79"/>
        <source>These bytes are only part of a UTF-8 character; the next token completes it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <location filename="../views/token_view.cpp" line="152"/>
        <source>Type any text to see its tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/token_view.cpp" line="155"/>
        <source>Show whitespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/token_view.cpp" line="156"/>
        <source>Show token IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/token_view.cpp" line="206"/>
        <source>%1 characters · %2 bytes · %3 tokens · %4 characters per token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewFactory</name>
    <message>
        <location filename="../app/view_factory.cpp" line="54"/>
        <source>Sample tokenizer (%1), built into Glassbox: load a model to see its real tokenizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/view_factory.cpp" line="80"/>
        <source>Sample embeddings (hand-made, 8 dimensions): load a model to see its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/view_factory.cpp" line="96"/>
        <source>token embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/view_factory.cpp" line="97"/>
        <source>position embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/view_factory.cpp" line="104"/>
        <source>Sample data — load a model to see real attention. These patterns (previous token, first token, same word) are ones trained heads often show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/view_factory.cpp" line="123"/>
        <source>Sample distribution (hand-written) — load a model to see its real predictions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/view_factory.cpp" line="133"/>
        <source>Unknown view &quot;%1&quot;. Known views: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
