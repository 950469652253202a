<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../qt/dialogs.py" line="20"/>
        <source>Presets (*.json)</source>
        <translation>预设 (*.json)</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="31"/>
        <source>Unsaved changes</source>
        <translation>未保存的改动</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="31"/>
        <source>This state has changes that are not saved. Save them first?</source>
        <translation>这个状态有尚未保存的改动。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="39"/>
        <source>Open a preset or logits</source>
        <translation>打开预设或 logit</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="40"/>
        <source>Presets and logits ({0});;Presets (*.json);;Logits ({1});;All files (*)</source>
        <translation>预设和 logit ({0});;预设 (*.json);;logit ({1});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="47"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="56"/>
        <source>Export {0}</source>
        <translation>导出 {0}</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="64"/>
        <source>PNG resolution</source>
        <translation>PNG 分辨率</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="64"/>
        <source>Scale of the screen size:</source>
        <translation>相对屏幕尺寸的倍数：</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="81"/>
        <source>Open the batch&apos;s labels</source>
        <translation>打开这批样本的标签</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="82"/>
        <source>Labels ({0});;All files (*)</source>
        <translation>标签 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="89"/>
        <source>Name and description</source>
        <translation>名称与说明</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="92"/>
        <source>Shown in the title bar and saved in the preset.</source>
        <translation>显示在标题栏中，并保存在预设里。</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="94"/>
        <source>What this state shows, in a sentence or two: shown above the panels and saved in the preset. It is dropped when the numbers it describes change.</source>
        <translation>用一两句话说明这个状态展示了什么：它显示在面板上方，并保存在预设里。一旦它所描述的那些数改变，这段说明就会被丢弃。</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="98"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../qt/dialogs.py" line="99"/>
        <source>Description:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location filename="../qt/i18n.py" line="85"/>
        <source>class {0}</source>
        <extracomment>code -&gt; the language&apos;s own name, as its speakers write it</extracomment>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <location filename="../qt/i18n.py" line="95"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../qt/i18n.py" line="98"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../qt/i18n.py" line="121"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../qt/i18n.py" line="122"/>
        <source>The window will speak {0} from its next start. Restart now? Your state is kept.</source>
        <translation>窗口将从下次启动起使用{0}。现在就重新启动吗？你的状态会保留。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="34"/>
        <source>&amp;Precision lab</source>
        <extracomment>the Labs menu&apos;s entries, each with its own accelerator (a translation puts its own)</extracomment>
        <translation>精度实验室(&amp;P)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="34"/>
        <source>&amp;Sampling lab</source>
        <translation>采样实验室(&amp;S)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="35"/>
        <source>&amp;Overconfidence experiment</source>
        <translation>过度自信实验(&amp;O)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="36"/>
        <source>&amp;Calibration of a batch</source>
        <translation>一批样本的校准(&amp;C)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="37"/>
        <source>float16/32/64: where exp overflows, NaN, underflow, ulp errors.</source>
        <translation>float16/32/64：exp 在哪里溢出，NaN、下溢，以及以 ulp 计的误差。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="38"/>
        <source>Gumbel-max draws, top-k / top-p / min-p, Gumbel-softmax.</source>
        <translation>Gumbel-max 采样，top-k / top-p / min-p 截断，Gumbel-softmax。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="39"/>
        <source>Gradient descent under one-hot and smoothed labels.</source>
        <translation>在 one-hot 标签和平滑后的标签下做梯度下降。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="40"/>
        <source>A batch&apos;s reliability diagram, ECE, and the temperature that fits it.</source>
        <translation>一批样本的可靠性图、ECE，以及最适合它的温度。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="46"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="47"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="48"/>
        <source>Start again from the default state (unsaved changes are asked about).</source>
        <translation>从默认状态重新开始（如有未保存的改动，会先问你）。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="49"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="50"/>
        <source>Open a preset (JSON) or a model&apos;s logits (.npy .npz .csv .safetensors .pt ...); you can also drop one on the window.</source>
        <translation>打开一个预设（JSON）或模型输出的 logit（.npy .npz .csv .safetensors .pt ...）；也可以把文件拖到窗口上。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="52"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="53"/>
        <source>Open &amp;labels for this batch…</source>
        <translation>打开这批样本的标签(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="54"/>
        <source>Read the true class of each sample of the open batch from a file of integers (.npy .csv .txt): the calibration lab needs them.</source>
        <translation>从一个整数文件（.npy .csv .txt）读取已打开的这批样本中每个样本的真实类别：校准实验室需要它们。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="56"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="56"/>
        <source>Save this state as a preset.</source>
        <translation>把这个状态保存为预设。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="57"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="58"/>
        <source>Save this state as a new preset file.</source>
        <translation>把这个状态保存为一个新的预设文件。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="60"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="62"/>
        <source>{0}…</source>
        <translation>{0}…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="63"/>
        <source>{0} to PNG, SVG, PDF or CSV.</source>
        <translation>把{0}导出为 PNG、SVG、PDF 或 CSV。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="64"/>
        <source>Export sweep as GIF…</source>
        <translation>把扫描导出为 GIF…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="65"/>
        <source>An animated GIF of the window while the scale or the temperature sweeps its slider&apos;s range and back, for slides.</source>
        <translation>缩放尺度或温度扫过滑块的整个范围再扫回来时，窗口的 GIF 动画，可用于幻灯片。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="67"/>
        <source>&amp;Copy window image</source>
        <translation>复制窗口图像(&amp;C)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="68"/>
        <source>Copy a picture of the window to the clipboard.</source>
        <translation>把窗口的图像复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="70"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="72"/>
        <source>&amp;Labs</source>
        <translation>实验室(&amp;L)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="76"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="83"/>
        <source>Open the gallery preset {0}</source>
        <translation>打开预设库中的预设 {0}</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="85"/>
        <source>&amp;Examples: real logits</source>
        <translation>示例：真实的 logit(&amp;E)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="88"/>
        <source>A digits classifier&apos;s logits and labels ({0}): open the calibration lab</source>
        <translation>一个手写数字分类器的 logit 和标签（{0}）：打开校准实验室</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="90"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="91"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="92"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="95"/>
        <source>&amp;Name and description…</source>
        <translation>名称与说明(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="96"/>
        <source>Name this state and say what it shows: both are saved in the preset.</source>
        <translation>给这个状态起个名字，并说明它展示了什么：两者都会保存在预设里。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="98"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="102"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="103"/>
        <source>&amp;Start here</source>
        <translation>从这里开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="104"/>
        <source>A guided tour through the five articles&apos; experiments: predict, then see. Your own state comes back when you leave.</source>
        <translation>一次带你走过五篇文章中各个实验的导览：先预测，再观察。退出导览时，你自己的状态会原样回来。</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="107"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="108"/>
        <source>&amp;About softmax viewer</source>
        <translation>关于 softmax viewer(&amp;A)</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="118"/>
        <source>Export readout…</source>
        <translation>导出读数…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="119"/>
        <source>Copy image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="127"/>
        <source>Export this panel…</source>
        <translation>导出此面板…</translation>
    </message>
    <message>
        <location filename="../qt/menus.py" line="128"/>
        <source>Copy panel image</source>
        <translation>复制面板图像</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="53"/>
        <source>{label} (class {index})</source>
        <extracomment>the widest class count the LSE panel&apos;s N sweep is evaluated at under the cursor the decades of a log axis (scale or N) a point is evaluated within</extracomment>
        <translation>{label}（类别 {index}）</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="54"/>
        <source>class {index}</source>
        <translation>类别 {index}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="59"/>
        <source>{name}, the target</source>
        <translation>{name}，目标类别</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="75"/>
        <source>rank {rank} of {n} by p</source>
        <translation>按 p 排第 {rank} 名（共 {n} 个）</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="76"/>
        <location filename="../qt/panels/hover_text.py" line="209"/>
        <source>p = {value}</source>
        <translation>p = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="77"/>
        <source>log p = {value}</source>
        <translation>log p = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="78"/>
        <location filename="../qt/panels/hover_text.py" line="210"/>
        <source>q = {value}</source>
        <translation>q = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="79"/>
        <source>u = {value}</source>
        <translation>u = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="100"/>
        <source>s = {s} (T = {t})</source>
        <translation>s = {s}（T = {t}）</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="108"/>
        <source>N = {n} (s = {s}, T = {t})</source>
        <translation>N = {n}（s = {s}，T = {t}）</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="117"/>
        <source>max(u) = {value}</source>
        <translation>max(u) = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="118"/>
        <source>LSE(u) = {value}</source>
        <translation>LSE(u) = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="119"/>
        <source>max(u) + log N = {value}</source>
        <translation>max(u) + log N = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="120"/>
        <source>LSE(u) − max(u) = {value}</source>
        <translation>LSE(u) − max(u) = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="151"/>
        <location filename="../qt/panels/surface.py" line="13"/>
        <source>softmax CE</source>
        <translation>softmax 交叉熵</translation>
    </message>
    <message>
        <location filename="../names.py" line="18"/>
        <source>Probabilities</source>
        <extracomment>the explorer&apos;s plot panels, in the window&apos;s order</extracomment>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../names.py" line="19"/>
        <source>LSE against max</source>
        <translation>LSE 与 max 对比</translation>
    </message>
    <message>
        <location filename="../names.py" line="20"/>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../names.py" line="21"/>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <location filename="../names.py" line="22"/>
        <source>Gradient and Jacobian</source>
        <translation>梯度与雅可比矩阵</translation>
    </message>
    <message>
        <location filename="../names.py" line="27"/>
        <source>Whole window</source>
        <extracomment>the panel of numbers beside them what can be exported: each panel, and the whole window</extracomment>
        <translation>整个窗口</translation>
    </message>
    <message>
        <location filename="../names.py" line="31"/>
        <source>Precision lab</source>
        <extracomment>the labs, in the Labs menu&apos;s order</extracomment>
        <translation>精度实验室</translation>
    </message>
    <message>
        <location filename="../names.py" line="32"/>
        <source>Sampling lab</source>
        <translation>采样实验室</translation>
    </message>
    <message>
        <location filename="../names.py" line="33"/>
        <source>Overconfidence experiment</source>
        <translation>过度自信实验</translation>
    </message>
    <message>
        <location filename="../names.py" line="34"/>
        <source>Calibration of a batch</source>
        <translation>一批样本的校准</translation>
    </message>
    <message>
        <location filename="../names.py" line="39"/>
        <source>softmax cross-entropy</source>
        <extracomment>the losses of the loss surface (and of the loss panel&apos;s curves)</extracomment>
        <translation>softmax 交叉熵</translation>
    </message>
    <message>
        <location filename="../names.py" line="40"/>
        <location filename="../qt/panels/hover_text.py" line="151"/>
        <location filename="../qt/panels/surface.py" line="13"/>
        <source>label-smoothed CE</source>
        <translation>标签平滑交叉熵</translation>
    </message>
    <message>
        <location filename="../names.py" line="41"/>
        <location filename="../qt/panels/hover_text.py" line="151"/>
        <location filename="../qt/panels/readout.py" line="27"/>
        <location filename="../qt/panels/surface.py" line="14"/>
        <source>LSE-hinge</source>
        <translation>LSE-hinge</translation>
    </message>
    <message>
        <location filename="../names.py" line="42"/>
        <location filename="../names.py" line="48"/>
        <location filename="../qt/panels/hover_text.py" line="152"/>
        <location filename="../qt/panels/readout.py" line="26"/>
        <location filename="../qt/panels/surface.py" line="14"/>
        <source>hinge</source>
        <translation>hinge</translation>
    </message>
    <message>
        <location filename="../names.py" line="46"/>
        <source>softmax CE (one-hot)</source>
        <extracomment>the losses the overconfidence experiment trains with</extracomment>
        <translation>softmax 交叉熵（one-hot）</translation>
    </message>
    <message>
        <location filename="../names.py" line="47"/>
        <source>label-smoothed CE (ε from the main window)</source>
        <translation>标签平滑交叉熵（ε 取自主窗口）</translation>
    </message>
    <message>
        <location filename="../names.py" line="51"/>
        <source>the logits themselves</source>
        <extracomment>what the overconfidence experiment trains</extracomment>
        <translation>logit 本身</translation>
    </message>
    <message>
        <location filename="../names.py" line="52"/>
        <source>a linear classifier of 2-D points</source>
        <translation>二维点上的线性分类器</translation>
    </message>
    <message>
        <location filename="../names.py" line="56"/>
        <source>temperature, then truncate</source>
        <extracomment>the float types of the precision lab the order of temperature and truncation in the sampling lab</extracomment>
        <translation>先应用温度，再截断</translation>
    </message>
    <message>
        <location filename="../names.py" line="57"/>
        <source>truncate (at T = 1), then temperature</source>
        <translation>先截断（在 T = 1 下），再应用温度</translation>
    </message>
    <message>
        <location filename="../names.py" line="60"/>
        <source>sweep the scale s</source>
        <extracomment>the LSE panel&apos;s sweeps</extracomment>
        <translation>扫描缩放尺度 s</translation>
    </message>
    <message>
        <location filename="../names.py" line="61"/>
        <source>sweep the class count N</source>
        <translation>扫描类别数 N</translation>
    </message>
    <message>
        <location filename="../names.py" line="65"/>
        <source>PNG image</source>
        <extracomment>export formats: suffix -&gt; what a file dialog calls it</extracomment>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <location filename="../names.py" line="66"/>
        <source>SVG vector image</source>
        <translation>SVG 矢量图像</translation>
    </message>
    <message>
        <location filename="../names.py" line="67"/>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../names.py" line="68"/>
        <source>CSV data</source>
        <translation>CSV 数据</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="159"/>
        <source>margin u_y − max rival = {value}</source>
        <translation>间隔 u_y − max rival = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="160"/>
        <location filename="../qt/panels/hover_text.py" line="193"/>
        <source>{name} = {value}</source>
        <translation>{name} = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="191"/>
        <source>z{i} ({label}) = {value}</source>
        <translation>z{i}（{label}）= {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="192"/>
        <source>z{j} ({label}) = {value}</source>
        <translation>z{j}（{label}）= {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="208"/>
        <source>p − q = {value}</source>
        <translation>p − q = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="218"/>
        <source>∂p_{a}/∂u_{a} = p_{a}(1 − p_{a}) = {value}</source>
        <translation>∂p_{a}/∂u_{a} = p_{a}(1 − p_{a}) = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="220"/>
        <source>∂p_{a}/∂u_{b} = −p_{a}·p_{b} = {value}</source>
        <translation>∂p_{a}/∂u_{b} = −p_{a}·p_{b} = {value}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="223"/>
        <source>row: {name}</source>
        <translation>行：{name}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="224"/>
        <source>column: {name}</source>
        <translation>列：{name}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="225"/>
        <source>p_{a} = {pa}, p_{b} = {pb}</source>
        <translation>p_{a} = {pa}，p_{b} = {pb}</translation>
    </message>
    <message>
        <location filename="../qt/panels/hover_text.py" line="226"/>
        <source>p_{a} = {pa}</source>
        <translation>p_{a} = {pa}</translation>
    </message>
    <message>
        <location filename="../qt/app.py" line="92"/>
        <source>The state from the last run could not be restored: {0}. The window starts on the default state.</source>
        <translation>无法恢复上一次运行时的状态：{0}。窗口从默认状态启动。</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="15"/>
        <source>softmax as a smoothed argmax, LSE as a smoothed max; the scale and the class count</source>
        <translation>softmax 是平滑的 argmax，LSE 是平滑的 max；缩放尺度与类别数</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="17"/>
        <source>hinge → LSE-hinge → softplus = cross-entropy</source>
        <translation>hinge → LSE-hinge → softplus = 交叉熵</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="19"/>
        <source>its derivative, and overconfidence under one-hot labels</source>
        <translation>它的导数，以及 one-hot 标签下的过度自信</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="21"/>
        <source>overflow, the max shift, log-softmax, and the temperature</source>
        <translation>溢出、减去最大值、log-softmax，以及温度</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="23"/>
        <source>cross-entropy and its gradient p − y</source>
        <translation>交叉熵及其梯度 p − y</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="28"/>
        <source>undo / redo (a whole drag is one step)</source>
        <translation>撤销 / 重做（一整次拖动算作一步）</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="29"/>
        <source>new, open (a preset or logits), save, save as</source>
        <translation>新建、打开（预设或 logit）、保存、另存为</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="30"/>
        <source>Ctrl+V in the table</source>
        <translation>在表格中按 Ctrl+V</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="31"/>
        <source>paste logits as numpy, torch or a spreadsheet print them (rows: a batch)</source>
        <translation>粘贴 numpy、torch 或电子表格打印出来的 logit（多行：一批样本）</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="32"/>
        <source>the previous / next sample of an open batch</source>
        <translation>已打开的一批样本中的上一个 / 下一个样本</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="33"/>
        <source>Home, or double-click a plot</source>
        <translation>Home，或双击一张图</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="33"/>
        <source>reset a plot&apos;s view to its data</source>
        <translation>把图的视野重置到它的数据</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="34"/>
        <source>wheel, drag on a plot</source>
        <translation>在图上滚动滚轮、拖动</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="35"/>
        <source>zoom, pan (until the next change, unless the view is pinned)</source>
        <translation>缩放、平移（保持到下一次改动，除非视野已固定）</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="36"/>
        <source>quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="41"/>
        <source>&lt;li&gt;{0}: {1}&lt;/li&gt;</source>
        <translation>&lt;li&gt;{0}：{1}&lt;/li&gt;</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="42"/>
        <source>&lt;h3&gt;softmax viewer {0}&lt;/h3&gt;&lt;p&gt;See how softmax, log-sum-exp, cross-entropy and their gradients behave, on logits you type or a model&apos;s own, and how a batch&apos;s calibration moves with the temperature. Every number comes from softmax_viewer.stable.&lt;/p&gt;&lt;p&gt;It follows the experiments of these articles:&lt;/p&gt;&lt;ul&gt;{1}&lt;/ul&gt;&lt;p&gt;Licence: MIT.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;softmax viewer {0}&lt;/h3&gt;&lt;p&gt;观察 softmax、对数和指数 LogSumExp、交叉熵以及它们的梯度在你输入的 logit 或模型自己输出的 logit 上如何表现，以及一批样本的校准如何随温度变化。每一个数都来自 softmax_viewer.stable。&lt;/p&gt;&lt;p&gt;它依循以下几篇文章中的实验：&lt;/p&gt;&lt;ul&gt;{1}&lt;/ul&gt;&lt;p&gt;许可证：MIT。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="56"/>
        <source>About softmax viewer</source>
        <translation>关于 softmax viewer</translation>
    </message>
    <message>
        <location filename="../qt/help.py" line="60"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="21"/>
        <source>confidence c = max_i p_i; prediction = argmax (the first index on ties). Bin k of M holds k/M &lt; c &lt;= (k+1)/M (equal-width), or M runs of equal counts (equal-mass). ECE = Σ_k (n_k/n)|acc_k − conf_k|; MCE = the largest gap over non-empty bins; Brier = mean Σ_i (p_i − onehot_i)²; NLL = mean −log p_label, from log-sum-exp.</source>
        <translation>置信度 c = max_i p_i；预测 = argmax（并列时取第一个下标）。M 个分箱中的第 k 箱包含 k/M &lt; c &lt;= (k+1)/M 的样本（等宽），或者把样本分成 M 段数目相等的区间（等质量）。ECE = Σ_k (n_k/n)|acc_k − conf_k|；MCE = 所有非空分箱中最大的差距；Brier = 各样本 Σ_i (p_i − onehot_i)² 的平均；NLL = −log p_label 的平均，由对数和指数算出。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="30"/>
        <source>No batch open. File &gt; Open a (samples, classes) file of logits with labels (.npy .npz .csv .safetensors .pt), or Presets &gt; Examples.</source>
        <translation>还没有打开一批样本。请用 文件 &gt; 打开 打开一个带标签的 logit 文件，形状为 (样本, 类别)（.npy .npz .csv .safetensors .pt），或选择 预设 &gt; 示例。</translation>
    </message>
    <message>
        <location filename="../qt/labs/docks.py" line="64"/>
        <source>Export this lab…</source>
        <translation>导出此实验室…</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="34"/>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="34"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="34"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="166"/>
        <source>Settings {0}: the theme {1} is not one of system, light, dark; the system&apos;s is used.</source>
        <translation>设置 {0}：主题 {1} 不是 system、light、dark 之一；改用系统的主题。</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="175"/>
        <source>The theme is shown but could not be kept for the next start: {0}</source>
        <translation>主题已经应用，但无法保存到下次启动：{0}</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="192"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="195"/>
        <source>Follow the system&apos;s light or dark colour scheme.</source>
        <translation>跟随系统的浅色或深色配色方案。</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="196"/>
        <source>Dark text on light windows and white plots.</source>
        <translation>浅色窗口和白色图表，配深色文字。</translation>
    </message>
    <message>
        <location filename="../qt/theme.py" line="197"/>
        <source>Light text on dark windows and dark plots.</source>
        <translation>深色窗口和深色图表，配浅色文字。</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="48"/>
        <source>{n} Gaussian logits (mean {mean}, std {std}, seed {seed})</source>
        <translation>{n} 个高斯 logit（均值 {mean}，标准差 {std}，种子 {seed}）</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="50"/>
        <source>{n} logits evenly spaced from {low} to {high}</source>
        <translation>{n} 个从 {low} 到 {high} 均匀分布的 logit</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="54"/>
        <source>z = [{values}]</source>
        <translation>z = [{values}]</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="55"/>
        <source>z = [{values}, …] ({n} classes)</source>
        <translation>z = [{values}, …]（{n} 个类别）</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="73"/>
        <source>{name} — {what} — softmax viewer</source>
        <translation>{name} — {what} — softmax viewer</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="75"/>
        <source>{what} — softmax viewer</source>
        <translation>{what} — softmax viewer</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="76"/>
        <source>{logits}; s = {s}, T = {T}, ε = {eps}, target y = {y} ({label})</source>
        <translation>{logits}；s = {s}，T = {T}，ε = {eps}，目标类别 y = {y}（{label}）</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="80"/>
        <source>softmax viewer {version}</source>
        <translation>softmax viewer {version}</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="126"/>
        <location filename="../qt/export.py" line="142"/>
        <source>the image could not be drawn</source>
        <translation>无法绘制图像</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="136"/>
        <source>a {0:.0f} x {1:.0f} image is too large to make</source>
        <translation>{0:.0f} x {1:.0f} 的图像太大，无法生成</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="153"/>
        <source>the PNG image could not be made whole</source>
        <translation>无法完整地生成 PNG 图像</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="166"/>
        <source>{0}: the screenshot could not be made</source>
        <translation>{0}：无法生成截图</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="260"/>
        <source>{title}: {description}</source>
        <translation>{title}：{description}</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="268"/>
        <source>the PDF document could not be made whole</source>
        <translation>无法完整地生成 PDF 文档</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="298"/>
        <source>{0}: unknown format {1}; use one of {2}</source>
        <translation>{0}：未知的格式 {1}；请使用 {2} 之一</translation>
    </message>
    <message>
        <location filename="../qt/export.py" line="300"/>
        <source>{0}: unknown format (none); use one of {1}</source>
        <translation>{0}：未知的格式（没有后缀）；请使用 {1} 之一</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="24"/>
        <source>Label</source>
        <translation>类别名</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="24"/>
        <source>Logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="26"/>
        <source>The target class y (click to choose): q puts 1 − ε + ε/N on it.</source>
        <translation>目标类别 y（点击即可选择）：q 在它上面放 1 − ε + ε/N。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="27"/>
        <source>A name for the class (editable).</source>
        <translation>类别的名称（可编辑）。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="28"/>
        <source>The base logit z (editable). The softmax sees u = s·z/T. -inf masks the class (p = 0).</source>
        <translation>原始的 logit z（可编辑）。softmax 看到的是 u = s·z/T。-inf 会屏蔽这个类别（p = 0）。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="29"/>
        <source>p = softmax(u), from the stable formula.</source>
        <translation>p = softmax(u)，由稳定公式算出。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="30"/>
        <source>log p = log_softmax(u): finite even where p underflows to 0.</source>
        <translation>log p = log_softmax(u)：即使 p 下溢为 0，它也是有限的。</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="15"/>
        <source>Gradient ∂CE/∂u = p − q</source>
        <translation>梯度 ∂CE/∂u = p − q</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="17"/>
        <source>Bars: p − q, the gradient of cross-entropy with respect to u. Negative on the target (gradient descent raises it), positive elsewhere; the bars sum to 0. Heatmap: the Jacobian ∂p/∂u = diag(p) − p pᵀ, symmetric with zero row sums. Beyond {0} classes it shows the {0} most probable (the most probable first, labelled by class number, the target always among them): a block of the matrix, whose rows sum to zero only as far as those classes hold all of p.</source>
        <translation>柱状图：p − q，即交叉熵对 u 的梯度。目标类别上为负（梯度下降会把它抬高），其余类别上为正；所有柱加起来为 0。热图：雅可比矩阵 ∂p/∂u = diag(p) − p pᵀ，它是对称的，每行之和为 0。超过 {0} 个类别时，只显示概率最大的 {0} 个（概率最大的排在最前，用类别编号标注，目标类别总在其中）：这是矩阵的一块，只有当这些类别占据了 p 的全部时，它的每行之和才为 0。</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="38"/>
        <source>Probabilities p = softmax(u), target q</source>
        <translation>概率 p = softmax(u)，目标 q</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="39"/>
        <source>Blue: p from the stable formula. Orange: the target q = (1 − ε)·onehot(y) + ε/N. Grey: the textbook exp(u)/Σexp(u), red ✕ where it overflows to NaN.</source>
        <translation>蓝色：由稳定公式算出的 p。橙色：目标 q = (1 − ε)·onehot(y) + ε/N。灰色：教科书公式 exp(u)/Σexp(u)，它溢出为 NaN 的地方标为红色 ✕。</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="13"/>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="13"/>
        <source>max&lt;sub&gt;i&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>max&lt;sub&gt;i&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="14"/>
        <source>LSE</source>
        <translation>LSE</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="14"/>
        <source>log Σ&lt;sub&gt;i&lt;/sub&gt; e&lt;sup&gt;u&lt;sub&gt;i&lt;/sub&gt;&lt;/sup&gt;</source>
        <translation>log Σ&lt;sub&gt;i&lt;/sub&gt; e&lt;sup&gt;u&lt;sub&gt;i&lt;/sub&gt;&lt;/sup&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="15"/>
        <source>LSE − max</source>
        <translation>LSE − max</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="15"/>
        <source>= −log p&lt;sub&gt;max&lt;/sub&gt; ∈ [0, log N]</source>
        <translation>= −log p&lt;sub&gt;max&lt;/sub&gt; ∈ [0, log N]</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="16"/>
        <source>log N</source>
        <translation>log N</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="16"/>
        <source>N = {n}</source>
        <translation>N = {n}</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="17"/>
        <source>entropy H</source>
        <translation>熵 H</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="17"/>
        <source>−Σ p&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>−Σ p&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="18"/>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="18"/>
        <source>e&lt;sup&gt;H&lt;/sup&gt;</source>
        <translation>e&lt;sup&gt;H&lt;/sup&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="19"/>
        <source>mean u</source>
        <translation>u 的均值</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="19"/>
        <source>(1/N) Σ u&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>(1/N) Σ u&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="20"/>
        <source>var u</source>
        <translation>u 的方差</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="20"/>
        <source>(1/N) Σ (u&lt;sub&gt;i&lt;/sub&gt; − ū)²</source>
        <translation>(1/N) Σ (u&lt;sub&gt;i&lt;/sub&gt; − ū)²</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="21"/>
        <source>‖u‖</source>
        <translation>‖u‖</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="21"/>
        <source>√Σ u&lt;sub&gt;i&lt;/sub&gt;²</source>
        <translation>√Σ u&lt;sub&gt;i&lt;/sub&gt;²</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="22"/>
        <source>predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="22"/>
        <source>argmax&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>argmax&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="23"/>
        <source>p&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>p&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="23"/>
        <source>y = {y}</source>
        <translation>y = {y}</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="24"/>
        <source>CE</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="24"/>
        <source>−log p&lt;sub&gt;y&lt;/sub&gt; = LSE(u) − u&lt;sub&gt;y&lt;/sub&gt;</source>
        <translation>−log p&lt;sub&gt;y&lt;/sub&gt; = LSE(u) − u&lt;sub&gt;y&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="25"/>
        <source>smoothed CE</source>
        <translation>标签平滑交叉熵</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="25"/>
        <source>−Σ q&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;, ε = {eps}</source>
        <translation>−Σ q&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;, ε = {eps}</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="26"/>
        <source>max(max&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; − u&lt;sub&gt;y&lt;/sub&gt;, 0)</source>
        <translation>max(max&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; − u&lt;sub&gt;y&lt;/sub&gt;, 0)</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="27"/>
        <source>max(LSE&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; − u&lt;sub&gt;y&lt;/sub&gt;, 0)</source>
        <translation>max(LSE&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; − u&lt;sub&gt;y&lt;/sub&gt;, 0)</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="28"/>
        <source>implicit margin</source>
        <translation>隐式间隔</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="29"/>
        <source>LSE&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; − max&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; ∈ [0, log(N − 1)] = [0, {bound}]</source>
        <translation>LSE&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; − max&lt;sub&gt;i≠y&lt;/sub&gt; u&lt;sub&gt;i&lt;/sub&gt; ∈ [0, log(N − 1)] = [0, {bound}]</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="30"/>
        <source>margin m</source>
        <translation>间隔 m</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="30"/>
        <source>the target&apos;s logit is z&lt;sub&gt;y&lt;/sub&gt; − m</source>
        <translation>目标的 logit 为 z&lt;sub&gt;y&lt;/sub&gt; − m</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="31"/>
        <source>s for p&lt;sub&gt;y&lt;/sub&gt; = 0.9</source>
        <translation>p&lt;sub&gt;y&lt;/sub&gt; = 0.9 所需的 s</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="31"/>
        <source>cosine logits: s ≥ ((N − 1)/N) log((N − 1)·0.9/0.1)</source>
        <translation>余弦 logit：s ≥ ((N − 1)/N) log((N − 1)·0.9/0.1)</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="32"/>
        <source>s for p&lt;sub&gt;y&lt;/sub&gt; = 0.99</source>
        <translation>p&lt;sub&gt;y&lt;/sub&gt; = 0.99 所需的 s</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="32"/>
        <source>cosine logits: s ≥ ((N − 1)/N) log((N − 1)·0.99/0.01)</source>
        <translation>余弦 logit：s ≥ ((N − 1)/N) log((N − 1)·0.99/0.01)</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="161"/>
        <source>Readout</source>
        <translation>读数</translation>
    </message>
    <message>
        <location filename="../qt/panels/readout.py" line="162"/>
        <source>The numbers behind the plots, each with its formula, for the current state.</source>
        <translation>当前状态下各图背后的数值，每个数都附有它的公式。</translation>
    </message>
    <message>
        <location filename="../qt/panels/surface.py" line="61"/>
        <source>Loss surface over two logits</source>
        <translation>两个 logit 上的损失曲面</translation>
    </message>
    <message>
        <location filename="../qt/panels/surface.py" line="62"/>
        <source>The chosen loss as two logits z_i, z_j vary and the others stay: colour is the loss, white lines are contours, the dot is the current logits and the arrow the negative gradient (the way gradient descent moves them).</source>
        <translation>所选的损失随两个 logit z_i、z_j 变化（其余 logit 不变）：颜色表示损失，白线是等高线，圆点是当前的 logit，箭头是负梯度（梯度下降移动它们的方向）。</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="176"/>
        <source>{key}: a sweep moves the scale or the temperature</source>
        <translation>{key}：扫描只能移动缩放尺度或温度</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="178"/>
        <source>frames must be a whole number from 2 to {most}, got {frames}</source>
        <translation>帧数必须是 2 到 {most} 之间的整数，得到的是 {frames}</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="188"/>
        <source>the sweep&apos;s range must be two positive numbers, lo below hi; got {lo} to {hi}</source>
        <translation>扫描的范围必须是两个正数，且 lo 小于 hi；得到的是 {lo} 到 {hi}</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="192"/>
        <source>{panel}: no such panel to sweep (use one of {names})</source>
        <translation>{panel}：没有这个可扫描的面板（请使用 {names} 之一）</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="235"/>
        <source>scale s</source>
        <translation>缩放尺度 s</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="235"/>
        <source>temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="236"/>
        <location filename="../qt/sweep.py" line="241"/>
        <source>Export sweep as GIF</source>
        <translation>把扫描导出为 GIF</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="236"/>
        <source>Sweep:</source>
        <translation>扫描：</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="242"/>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="259"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../qt/sweep.py" line="262"/>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="18"/>
        <source>Losses against the target&apos;s margin</source>
        <translation>损失随目标间隔的变化</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="19"/>
        <source>x: the margin u_y − max_{i≠y} u_i, the other logits held. Hinge max(−margin, 0); LSE-hinge replaces the rival max by LSE; softplus of that is softmax cross-entropy; label smoothing adds ε/N·Σ −log p_i, which has a minimum instead of falling forever.</source>
        <translation>x 轴：间隔 u_y − max_{i≠y} u_i，其余 logit 保持不变。hinge 为 max(−margin, 0)；LSE-hinge 把非目标类别中的 max 换成 LSE；再取 softplus 就是 softmax 交叉熵；标签平滑加上 ε/N·Σ −log p_i，这一项让损失有一个最小值，而不是一直下降。</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="36"/>
        <source>max(u) ≤ LSE(u) ≤ max(u) + log N</source>
        <translation>max(u) ≤ LSE(u) ≤ max(u) + log N</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="37"/>
        <source>LSE(u) = log Σ exp(u_i) lies between max(u) and max(u) + log N: close to max when the logits are spread (large s, small T), close to max + log N when they are flat.</source>
        <translation>LSE(u) = log Σ exp(u_i) 介于 max(u) 和 max(u) + log N 之间：logit 分散时（s 大、T 小）接近 max，logit 平坦时接近 max + log N。</translation>
    </message>
</context>
<context>
    <name>CalibrationLab</name>
    <message>
        <location filename="../qt/labs/calibration.py" line="53"/>
        <source>M, the number of confidence bins. {0}</source>
        <translation>M，置信度分箱的个数。{0}</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="54"/>
        <source>equal-mass bins</source>
        <translation>等质量分箱</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="55"/>
        <source>Bins of equal counts (sorted by confidence) instead of equal width.</source>
        <translation>让每个分箱的样本数相等（按置信度排序），而不是等宽。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="56"/>
        <source>fit on one half, report on the other</source>
        <translation>一半拟合，另一半报告</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="57"/>
        <source>An honest fit: T* is fitted on a seeded half of the batch, and the figures before and after are of the other half.</source>
        <translation>诚实的拟合：T* 在用种子选出的一半样本上拟合，拟合前后的各项指标都来自另一半。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="59"/>
        <source>Fit temperature</source>
        <translation>拟合温度</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="60"/>
        <source>T* = argmin over T of the NLL at the current scale (convex in 1/T), solved to 1e-9 relative.</source>
        <translation>T* = 在当前缩放尺度下使 NLL 最小的 T（NLL 在 1/T 上是凸的），求解到 1e-9 的相对精度。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="62"/>
        <source>Set T = T*</source>
        <translation>设 T = T*</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="63"/>
        <source>Set the main window&apos;s temperature to the fitted T*.</source>
        <translation>把主窗口的温度设为拟合出的 T*。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="65"/>
        <source>Bins</source>
        <translation>分箱</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="66"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="70"/>
        <source>The rows the model gets most confidently wrong; click one to show it.</source>
        <translation>模型最自信地答错的那些行；点击其中一行，就会在探索器中显示它。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="71"/>
        <source>Confidently wrong</source>
        <translation>自信地答错</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="79"/>
        <source>Reliability diagram</source>
        <translation>可靠性图</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="82"/>
        <location filename="../qt/labs/calibration.py" line="95"/>
        <source>confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="83"/>
        <location filename="../qt/labs/calibration.py" line="103"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="93"/>
        <source>Confidences</source>
        <translation>置信度分布</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="99"/>
        <source>Per predicted class</source>
        <translation>按预测类别</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="102"/>
        <source>mean confidence</source>
        <translation>平均置信度</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="107"/>
        <source>NLL and ECE against T</source>
        <translation>NLL 和 ECE 随 T 的变化</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="108"/>
        <source>log10 T</source>
        <translation>log10 T</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="110"/>
        <source>NLL</source>
        <translation>NLL</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="111"/>
        <source>ECE × 10</source>
        <translation>ECE × 10</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="123"/>
        <source>Accuracy per confidence bin (blue) against the diagonal; the gap to the bin&apos;s mean confidence in red; the counts above. {0}</source>
        <translation>每个置信度分箱的准确率（蓝色）与对角线的对比；与该箱平均置信度之差用红色标出；上方是各箱的样本数。{0}</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="125"/>
        <source>How many samples fall in each confidence bin; the batch&apos;s accuracy (blue dashes) and mean confidence (red): overconfidence puts red right of blue.</source>
        <translation>每个置信度分箱中有多少个样本；这批样本的准确率（蓝色虚线）和平均置信度（红色）：过度自信时，红线在蓝线的右边。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="127"/>
        <source>For each predicted class: the accuracy of its predictions against their mean confidence. Below the diagonal: overconfident on that class.</source>
        <translation>对每个预测类别：预测为该类别的准确率与它们平均置信度的对比。落在对角线下方，说明模型在这个类别上过度自信。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="129"/>
        <source>The NLL and 10 x ECE over T = 0.1 .. 10 at this scale; grey: the current T, blue dashes: the fitted T*.</source>
        <translation>当前缩放尺度下，T = 0.1 .. 10 范围内的 NLL 和 10 x ECE；灰线：当前的 T，蓝色虚线：拟合出的 T*。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="165"/>
        <source>{0} has no labels to fit a temperature on</source>
        <translation>{0} 没有标签，无法拟合温度</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="218"/>
        <source>{0}: no labels, so no calibration. Open its labels with the logits (an .npz with &apos;labels&apos;, or --labels-file).</source>
        <translation>{0}：没有标签，所以没有校准。请把标签和 logit 一起打开（含 &apos;labels&apos; 的 .npz，或 --labels-file）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="327"/>
        <source>row {0}: said {1} with p = {2:.4f}, was {3}</source>
        <translation>第 {0} 行：以 p = {2:.4f} 判为 {1}，实际是 {3}</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="336"/>
        <source>{0:,} samples (while the slider moves: every {1}th row) at T = {2:.4g}</source>
        <translation>{0:,} 个样本（滑块移动时：每 {1} 行取一行），T = {2:.4g}</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="339"/>
        <source>{0:,} samples at T = {1:.4g}</source>
        <translation>{0:,} 个样本，T = {1:.4g}</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="341"/>
        <source>{0}: accuracy {1:.2%} (top-5 {2:.2%}), NLL {3:.4f}, smoothed NLL (ε = {4:g}) {5:.4f}, Brier {6:.4f}, ECE {7:.4f}, MCE {8:.4f}.</source>
        <translation>{0}：准确率 {1:.2%}（top-5 {2:.2%}），NLL {3:.4f}，标签平滑 NLL（ε = {4:g}）{5:.4f}，Brier {6:.4f}，ECE {7:.4f}，MCE {8:.4f}。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="345"/>
        <source>{0}: accuracy {1:.2%} (top-5 {2:.2%}), NLL {3:.4f}, Brier {4:.4f}, ECE {5:.4f}, MCE {6:.4f}.</source>
        <translation>{0}：准确率 {1:.2%}（top-5 {2:.2%}），NLL {3:.4f}，Brier {4:.4f}，ECE {5:.4f}，MCE {6:.4f}。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="349"/>
        <source>Fit temperature: T* minimizes the NLL (and usually the ECE with it).</source>
        <translation>拟合温度：T* 使 NLL 最小（通常 ECE 也随之变小）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="354"/>
        <source>T* = {0:.6g} (fitted on {1:,}, reported on the other {2:,}): NLL {3:.4f} → {4:.4f}, ECE {5:.4f} → {6:.4f}, Brier {7:.4f} → {8:.4f}</source>
        <translation>T* = {0:.6g}（在 {1:,} 个样本上拟合，在另外 {2:,} 个上报告）：NLL {3:.4f} → {4:.4f}，ECE {5:.4f} → {6:.4f}，Brier {7:.4f} → {8:.4f}</translation>
    </message>
    <message>
        <location filename="../qt/labs/calibration.py" line="358"/>
        <source>T* = {0:.6g} (fitted on all): NLL {1:.4f} → {2:.4f}, ECE {3:.4f} → {4:.4f}, Brier {5:.4f} → {6:.4f}</source>
        <translation>T* = {0:.6g}（在全部样本上拟合）：NLL {1:.4f} → {2:.4f}，ECE {3:.4f} → {4:.4f}，Brier {5:.4f} → {6:.4f}</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../qt/controls.py" line="182"/>
        <source>What the softmax sees:  u = s · z / T</source>
        <translation>softmax 看到的是：  u = s · z / T</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="185"/>
        <source>Scale s multiplies every logit: u = s·z/T. Large s sharpens softmax towards argmax and LSE towards max; small s flattens p towards uniform and LSE towards max + log N.</source>
        <translation>缩放尺度 s 乘以每个 logit：u = s·z/T。s 大时，softmax 变尖锐、趋向 argmax，LSE 趋向 max；s 小时，p 变平、趋向均匀分布，LSE 趋向 max + log N。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="188"/>
        <source>Temperature T divides the logits: u = s·z/T. T → 0 is argmax (type 0 in the box: one-hot, ties share); large T makes p uniform.</source>
        <translation>logit 除以温度 T：u = s·z/T。T → 0 就是 argmax（在数值框里输入 0：得到 one-hot，并列的类别平分概率）；T 大时 p 趋于均匀。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="191"/>
        <source>Label smoothing ε: q = (1 − ε)·onehot(y) + ε/N. ε &gt; 0 bounds the target&apos;s logit gap at log((1 − ε + ε/N)/(ε/N)); ε = 1 makes q uniform.</source>
        <translation>标签平滑 ε：q = (1 − ε)·onehot(y) + ε/N。ε &gt; 0 时，目标的 logit 差距以 log((1 − ε + ε/N)/(ε/N)) 为上限；ε = 1 时 q 是均匀分布。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="195"/>
        <source>Play: sweep s smoothly over the slider&apos;s range and back. Esc or the slider stops it.</source>
        <translation>播放：让 s 平滑地扫过滑块的整个范围，再扫回来。按 Esc 或拖动滑块即可停止。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="197"/>
        <source>Play: sweep T smoothly over the slider&apos;s range and back. Esc or the slider stops it.</source>
        <translation>播放：让 T 平滑地扫过滑块的整个范围，再扫回来。按 Esc 或拖动滑块即可停止。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="206"/>
        <source>Scale s</source>
        <translation>缩放尺度 s</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="207"/>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="208"/>
        <source>Smoothing ε</source>
        <translation>平滑 ε</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="210"/>
        <source>Additive margin m (AM-Softmax, CosFace): the target&apos;s logit is z_y − m before scaling, in every loss. The LSE-hinge already asks for an implicit margin, LSE − max of the rivals (readout).</source>
        <translation>加性间隔 m（AM-Softmax、CosFace）：在每一种损失中，目标的 logit 在缩放之前都变为 z_y − m。LSE-hinge 本身已经要求一个隐式间隔，即非目标类别的 LSE − max（见读数面板）。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="212"/>
        <source>Margin m</source>
        <translation>间隔 m</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="213"/>
        <source>logits are cosines in [−1, 1]</source>
        <translation>logit 是 [−1, 1] 内的余弦值</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="214"/>
        <source>Normalized features: each logit a cosine, s scales them. Turning it on divides the logits by their largest size; the readout and the LSE panel show the smallest s at which p_y can reach 0.9 and 0.99.</source>
        <translation>归一化的特征：每个 logit 都是一个余弦值，由 s 缩放。打开它会把 logit 除以其中绝对值最大的那个；读数面板和 LSE 面板会显示 p_y 能达到 0.9 和 0.99 所需的最小 s。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="217"/>
        <source>Cosine mode</source>
        <translation>余弦模式</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="218"/>
        <source>Target class y: the one-hot of q, and the class the losses reward.</source>
        <translation>目标类别 y：q 的 one-hot 所在的类别，也是各种损失所奖励的类别。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="223"/>
        <source>Target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="226"/>
        <source>Class count N and how new logits are made</source>
        <translation>类别数 N，以及新 logit 的生成方式</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="232"/>
        <source>pad with a value (keep edited)</source>
        <translation>用一个值填充（保留已编辑的）</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="232"/>
        <source>evenly spaced over a range</source>
        <translation>在一个范围内均匀分布</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="233"/>
        <source>Gaussian with a seed</source>
        <translation>给定种子的高斯分布</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="234"/>
        <source>How the logits are made when N changes.</source>
        <translation>N 改变时 logit 的生成方式。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="237"/>
        <source>Logit given to new classes.</source>
        <translation>新类别的 logit。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="239"/>
        <source>Lowest logit of the even spacing.</source>
        <translation>均匀分布的最小 logit。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="240"/>
        <source>Highest logit of the even spacing.</source>
        <translation>均匀分布的最大 logit。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="241"/>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="242"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="243"/>
        <source>Mean of the Gaussian logits.</source>
        <translation>高斯 logit 的均值。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="244"/>
        <source>Standard deviation of the Gaussian logits: their spread decides how sharp softmax is.</source>
        <translation>高斯 logit 的标准差：它们的分散程度决定了 softmax 有多尖锐。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="246"/>
        <source>Random seed: the same seed gives the same logits.</source>
        <translation>随机种子：同一个种子给出同样的 logit。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="248"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="248"/>
        <source>std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="249"/>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="255"/>
        <source>Classes N</source>
        <translation>类别数 N</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="256"/>
        <source>New logits</source>
        <translation>新 logit</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="260"/>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="263"/>
        <source>linear p</source>
        <translation>线性 p</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="263"/>
        <source>log p (log_softmax)</source>
        <translation>log p（log_softmax）</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="264"/>
        <source>Probability axis: p, or log p from log_softmax (finite where p underflows).</source>
        <translation>概率轴：p，或由 log_softmax 算出的 log p（在 p 下溢处仍然有限）。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="267"/>
        <source>LSE panel: max(u) ≤ LSE(u) ≤ max(u) + log N while s or N sweeps.</source>
        <translation>LSE 面板：s 或 N 扫过一个范围时的 max(u) ≤ LSE(u) ≤ max(u) + log N。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="271"/>
        <source>The loss drawn over two logits in the surface panel.</source>
        <translation>曲面面板在两个 logit 上画出的损失。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="272"/>
        <source>First logit of the loss surface (x axis).</source>
        <translation>损失曲面的第一个 logit（x 轴）。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="273"/>
        <source>Second logit of the loss surface (y axis).</source>
        <translation>损失曲面的第二个 logit（y 轴）。</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="274"/>
        <source>x: z</source>
        <translation>x: z</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="275"/>
        <source>y: z</source>
        <translation>y: z</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="276"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="277"/>
        <source>LSE vs max</source>
        <translation>LSE 与 max</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="278"/>
        <source>Surface loss</source>
        <translation>曲面的损失</translation>
    </message>
    <message>
        <location filename="../qt/controls.py" line="279"/>
        <source>Surface over</source>
        <translation>曲面的坐标</translation>
    </message>
</context>
<context>
    <name>GradientPanel</name>
    <message>
        <location filename="../qt/panels/gradient.py" line="39"/>
        <source>∂CE/∂u = p − q</source>
        <translation>∂CE/∂u = p − q</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="55"/>
        <location filename="../qt/panels/gradient.py" line="77"/>
        <location filename="../qt/panels/gradient.py" line="99"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="77"/>
        <source>class (top by |p − q|)</source>
        <translation>类别（按 |p − q| 取前几个）</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="99"/>
        <source>class (top by p)</source>
        <translation>类别（按 p 取前几个）</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="101"/>
        <source>Jacobian ∂p/∂u over the top {k} classes by p</source>
        <translation>按 p 排前 {k} 个类别的雅可比矩阵 ∂p/∂u</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="102"/>
        <source>Jacobian, top {k} by p</source>
        <translation>雅可比矩阵，按 p 取前 {k} 个</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="102"/>
        <location filename="../qt/panels/gradient.py" line="105"/>
        <source>Jacobian</source>
        <translation>雅可比矩阵</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="104"/>
        <source>Jacobian ∂p/∂u = diag(p) − p pᵀ</source>
        <translation>雅可比矩阵 ∂p/∂u = diag(p) − p pᵀ</translation>
    </message>
    <message>
        <location filename="../qt/panels/gradient.py" line="105"/>
        <source>Jacobian ∂p/∂u</source>
        <translation>雅可比矩阵 ∂p/∂u</translation>
    </message>
</context>
<context>
    <name>LogitTable</name>
    <message>
        <location filename="../qt/table_copy.py" line="49"/>
        <source>Copy cells</source>
        <translation>复制单元格</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="315"/>
        <source>Double-click or type to edit a label or logit; Ctrl+V pastes a row of numbers.</source>
        <translation>双击或直接输入即可编辑类别名或 logit；Ctrl+V 可以粘贴一行数字。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="316"/>
        <source>Add class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="317"/>
        <source>Append a class with logit 0 (undoable).</source>
        <translation>在末尾添加一个 logit 为 0 的类别（可撤销）。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="318"/>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="319"/>
        <source>Remove the selected classes (at least one stays).</source>
        <translation>删除所选的类别（至少保留一个）。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="320"/>
        <location filename="../qt/logit_table.py" line="334"/>
        <source>Paste logits</source>
        <translation>粘贴 logit</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="321"/>
        <source>Replace the logits by numbers from the clipboard: comma, space or tab separated, brackets allowed (as numpy and torch print them).</source>
        <translation>用剪贴板中的数字替换 logit：用逗号、空格或制表符分隔，可以带方括号（就像 numpy 和 torch 打印的那样）。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="372"/>
        <source>Select the rows to remove first.</source>
        <translation>请先选择要删除的行。</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="387"/>
        <source>pasted rows</source>
        <translation>粘贴的行</translation>
    </message>
    <message>
        <location filename="../qt/logit_table.py" line="393"/>
        <source>Paste refused: {0}. The logits are unchanged.</source>
        <translation>粘贴被拒绝：{0}。logit 保持不变。</translation>
    </message>
</context>
<context>
    <name>LogitTableModel</name>
    <message>
        <location filename="../qt/logit_table.py" line="162"/>
        <source>Row {0} ({1}): {2}; the old value is kept.</source>
        <translation>第 {0} 行（{1}）：{2}；保留原来的值。</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <location filename="../qt/panels/loss.py" line="28"/>
        <source>Losses against the margin</source>
        <translation>损失随间隔的变化</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="28"/>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="31"/>
        <source>hinge</source>
        <translation>hinge</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="32"/>
        <source>LSE-hinge</source>
        <translation>LSE-hinge</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="33"/>
        <source>softmax CE</source>
        <translation>softmax 交叉熵</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="34"/>
        <source>label-smoothed CE</source>
        <translation>标签平滑交叉熵</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="45"/>
        <source>implicit margin</source>
        <translation>隐式间隔</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="47"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="76"/>
        <source>margin u_y − max rival</source>
        <translation>间隔 u_y − max rival</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="77"/>
        <source>margin u_y − max rival  (now {0:.4g}: off the axis)</source>
        <translation>间隔 u_y − max rival（当前为 {0:.4g}：超出坐标轴）</translation>
    </message>
    <message>
        <location filename="../qt/panels/loss.py" line="92"/>
        <source>Implicit margin {0:.4g} = LSE − max of the rivals, within [0, log(N − 1)] = [0, {1:.4g}]: the LSE-hinge is 0 only when u_y beats the best rival by it.</source>
        <translation>隐式间隔 {0:.4g} = 非目标类别的 LSE − max，位于 [0, log(N − 1)] = [0, {1:.4g}] 之内：只有当 u_y 比最大的非目标类别高出这么多时，LSE-hinge 才为 0。</translation>
    </message>
</context>
<context>
    <name>LsePanel</name>
    <message>
        <location filename="../qt/panels/lse.py" line="45"/>
        <source>max ≤ LSE ≤ max + log N</source>
        <translation>max ≤ LSE ≤ max + log N</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="45"/>
        <source>LSE against max</source>
        <translation>LSE 与 max 对比</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="49"/>
        <source>max(u)</source>
        <translation>max(u)</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="50"/>
        <source>LSE(u)</source>
        <translation>LSE(u)</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="51"/>
        <source>max(u) + log N</source>
        <translation>max(u) + log N</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="58"/>
        <source>p_y 0.9 possible</source>
        <translation>p_y 可达 0.9</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="58"/>
        <source>p_y 0.99</source>
        <translation>p_y 0.99</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="60"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="78"/>
        <source>T = 0: u = s·z/T is infinite, so max(u) and LSE(u) are {sign}∞ at every scale and there is nothing finite to draw. Their gap LSE − max stays finite: log {ties} = {gap:.4g}, the log of the number of classes tied at the top logit.</source>
        <translation>T = 0：u = s·z/T 是无穷大，所以在每个缩放尺度下 max(u) 和 LSE(u) 都是 {sign}∞，没有有限的值可画。它们的差 LSE − max 仍然有限：log {ties} = {gap:.4g}，即并列取得最大 logit 的类别数的对数。</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="82"/>
        <source>Nothing finite to draw: max(u), LSE(u) and max(u) + log N are all infinite here.</source>
        <translation>没有有限的值可画：这里 max(u)、LSE(u) 和 max(u) + log N 都是无穷大。</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="104"/>
        <source>scale s (T fixed)</source>
        <translation>缩放尺度 s（T 固定）</translation>
    </message>
    <message>
        <location filename="../qt/panels/lse.py" line="105"/>
        <source>class count N (logits evenly spaced over [{0:g}, {1:g}])</source>
        <translation>类别数 N（logit 在 [{0:g}, {1:g}] 上均匀分布）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../qt/window.py" line="32"/>
        <source>&lt;b&gt;u = s·z / T&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;p = softmax(u)&lt;/b&gt; &amp;nbsp;·&amp;nbsp; q = (1 − ε)·onehot(y) + ε/N &amp;nbsp;·&amp;nbsp; losses are of u &amp;nbsp;·&amp;nbsp; gradient shown: &lt;b&gt;∂CE/∂u = p − q&lt;/b&gt;</source>
        <translation>&lt;b&gt;u = s·z / T&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;p = softmax(u)&lt;/b&gt; &amp;nbsp;·&amp;nbsp; q = (1 − ε)·onehot(y) + ε/N &amp;nbsp;·&amp;nbsp; 损失都按 u 计算 &amp;nbsp;·&amp;nbsp; 图中的梯度：&lt;b&gt;∂CE/∂u = p − q&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="40"/>
        <source>softmax viewer</source>
        <translation>softmax viewer</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="49"/>
        <source>What every panel shows is computed from these formulas.</source>
        <translation>每个面板显示的内容都由这些公式算出。</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="54"/>
        <source>What this preset shows (File &gt; Open, or the Presets menu).</source>
        <translation>这个预设展示了什么（文件 &gt; 打开，或预设菜单）。</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="167"/>
        <source>Cannot open preset</source>
        <translation>无法打开预设</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="183"/>
        <source>Cannot open logits</source>
        <translation>无法打开 logit</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="228"/>
        <source>Cannot save preset</source>
        <translation>无法保存预设</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="236"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="262"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="265"/>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="281"/>
        <source>Cannot open labels</source>
        <translation>无法打开标签</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="294"/>
        <source>Cannot rename</source>
        <translation>无法重命名</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="305"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="306"/>
        <source>{0}{1} — softmax viewer</source>
        <translation>{0}{1} — softmax viewer</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="309"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; — changed since it was opened: its description no longer applies (Edit &amp;gt; Name and description… to write one).</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — 打开之后已被改动：原来的说明不再适用（可以用 编辑 &amp;gt; 名称与说明… 写一段新的）。</translation>
    </message>
    <message>
        <location filename="../qt/window.py" line="326"/>
        <source>{0:,} classes: the bar panels show the top {1} (by p, and by |p − q|)</source>
        <translation>{0:,} 个类别：柱状图面板只显示前 {1} 个（按 p，以及按 |p − q|）</translation>
    </message>
</context>
<context>
    <name>OverconfidenceLab</name>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="30"/>
        <source>Learning rate of gradient descent.</source>
        <translation>梯度下降的学习率。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="34"/>
        <source>Number of gradient steps.</source>
        <translation>梯度下降的步数。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="35"/>
        <location filename="../qt/labs/overconfidence.py" line="115"/>
        <location filename="../qt/labs/overconfidence.py" line="125"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="36"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="37"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="38"/>
        <source>Run the descent step by step (again to pause).</source>
        <translation>一步一步地运行梯度下降（再按一次暂停）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="39"/>
        <source>One more step.</source>
        <translation>再走一步。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="39"/>
        <source>Back to step 0.</source>
        <translation>回到第 0 步。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="42"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="42"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="47"/>
        <source>Train</source>
        <translation>训练对象</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="48"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="49"/>
        <source>Descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="62"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="62"/>
        <source>logit norm ‖u‖</source>
        <translation>logit 的范数 ‖u‖</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="63"/>
        <source>target&apos;s logit gap u_y − max rival</source>
        <translation>目标的 logit 差距 u_y − max rival</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="64"/>
        <source>max p</source>
        <translation>最大概率 p</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="67"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="76"/>
        <source>ε bound</source>
        <translation>ε 上界</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="120"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="156"/>
        <source>{0} [recomputing when the change pauses]</source>
        <translation>{0} [改动停下后重新计算]</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="218"/>
        <source>ε bound log((1−ε+ε/K)/(ε/K)) = {0:.4g}</source>
        <translation>ε 上界 log((1−ε+ε/K)/(ε/K)) = {0:.4g}</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="279"/>
        <source>the logits</source>
        <translation>logit</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="279"/>
        <source>a linear classifier</source>
        <translation>线性分类器</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="283"/>
        <source>Step {0} of {1} ({2}): loss {3:.4g}, gap {4:.4g}, max p {5:.6g}.</source>
        <translation>第 {0} 步，共 {1} 步（{2}）：损失 {3:.4g}，差距 {4:.4g}，最大概率 p {5:.6g}。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="286"/>
        <source>Step {0} of {1} ({2}; computing, {3} so far): loss {4:.4g}, gap {5:.4g}, max p {6:.6g}.</source>
        <translation>第 {0} 步，共 {1} 步（{2}；计算中，已算完 {3} 步）：损失 {4:.4g}，差距 {5:.4g}，最大概率 p {6:.6g}。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="289"/>
        <source>Step {0} of {1} ({2}; stopped at {3}): loss {4:.4g}, gap {5:.4g}, max p {6:.6g}.</source>
        <translation>第 {0} 步，共 {1} 步（{2}；停在第 {3} 步）：损失 {4:.4g}，差距 {5:.4g}，最大概率 p {6:.6g}。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="292"/>
        <source>The gap grows while the loss falls; label smoothing stops it at {0:.4g}.</source>
        <translation>损失下降时，差距不断增大；标签平滑让它停在 {0:.4g}。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="295"/>
        <source>The gap grows while the loss falls; under a one-hot target nothing stops it: CE keeps paying for a larger gap.</source>
        <translation>损失下降时，差距不断增大；在 one-hot 目标下，没有什么能让它停下：差距越大，交叉熵就越小。</translation>
    </message>
    <message>
        <location filename="../qt/labs/overconfidence.py" line="297"/>
        <source>Faint: the whole run; Play walks it.</source>
        <translation>浅色：整个运行过程；播放会一步步走完它。</translation>
    </message>
</context>
<context>
    <name>PrecisionLab</name>
    <message>
        <location filename="../qt/labs/precision.py" line="24"/>
        <source>The float type the softmax is computed in: exp overflows above about 11.09 (float16), 88.72 (float32), 709.78 (float64).</source>
        <translation>计算 softmax 所用的浮点类型：exp 在约 11.09（float16）、88.72（float32）、709.78（float64）以上溢出。</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="26"/>
        <source>dtype</source>
        <translation>浮点类型</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="28"/>
        <source>u in the chosen dtype; red above exp&apos;s overflow threshold</source>
        <translation>所选浮点类型下的 u；超过 exp 溢出阈值的标为红色</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="32"/>
        <source>exp overflows above {value:.2f}</source>
        <translation>exp 在 {value:.2f} 以上溢出</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="33"/>
        <source>p: textbook exp/Σexp (grey) beside stable (blue)</source>
        <translation>p：教科书公式 exp/Σexp（灰色）与稳定公式（蓝色）并列</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="38"/>
        <source>log(softmax) (grey, −∞ marked ▼) beside log_softmax (blue)</source>
        <translation>log(softmax)（灰色，−∞ 标为 ▼）与 log_softmax（蓝色）并列</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="42"/>
        <source>error in ulps against a float64 reference (log scale)</source>
        <translation>相对 float64 参考值的误差，以 ulp 计（对数刻度）</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="46"/>
        <source>textbook</source>
        <translation>教科书公式</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="48"/>
        <source>stable</source>
        <translation>稳定公式</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="98"/>
        <source>{0}. Log axis: an exact value (0 ulp) is drawn at 0.01, an error off the chart (∞) at 1e18.</source>
        <translation>{0}。对数轴：精确值（0 ulp）画在 0.01 处，超出图表的误差（∞）画在 1e18 处。</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="105"/>
        <source>{0}: exp overflows above u = {1:.2f}. Textbook: {2} exp → inf, {3} NaN, {4} underflowed to 0; stable worst error {5:.3g} ulp</source>
        <translation>{0}：u 超过 {1:.2f} 时 exp 溢出。教科书公式：{2} 个 exp → inf，{3} 个 NaN，{4} 个下溢为 0；稳定公式的最大误差 {5:.3g} ulp</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="109"/>
        <source>{0} (u itself overflows {1} in {2} classes: |u| &gt; {3:.5g})</source>
        <translation>{0}（u 本身在 {2} 个类别上超出了 {1} 的范围：|u| &gt; {3:.5g}）</translation>
    </message>
    <message>
        <location filename="../qt/labs/precision.py" line="112"/>
        <source>{0} ({1:.3g} against the exact softmax of u as rounded to {2})</source>
        <translation>{0}（与把 u 舍入到 {2} 之后的精确 softmax 相比为 {1:.3g}）</translation>
    </message>
</context>
<context>
    <name>ProbabilityPanel</name>
    <message>
        <location filename="../qt/panels/probabilities.py" line="47"/>
        <source>p = softmax(u), target q</source>
        <translation>p = softmax(u)，目标 q</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="48"/>
        <source>p and target q</source>
        <translation>p 与目标 q</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="50"/>
        <source>p (stable)</source>
        <translation>p（稳定公式）</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="51"/>
        <source>textbook exp/Σexp</source>
        <translation>教科书公式 exp/Σexp</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="52"/>
        <source>target q</source>
        <translation>目标 q</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="55"/>
        <source>textbook NaN</source>
        <translation>教科书公式的 NaN</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="114"/>
        <source>class (top by p)</source>
        <translation>类别（按 p 取前几个）</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="114"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="131"/>
        <source>textbook exp/sum: {0} class(es) NaN ({1} exp overflowed to inf); the stable formula subtracts the max first</source>
        <translation>教科书公式 exp/sum：{0} 个类别为 NaN（{1} 个 exp 溢出为 inf）；稳定公式先减去最大值</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="134"/>
        <source>textbook exp/sum: {0} class(es) underflowed to 0 where p &gt; 0</source>
        <translation>教科书公式 exp/sum：{0} 个类别在 p &gt; 0 处下溢为 0</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="136"/>
        <source>textbook exp/sum agrees here (no overflow)</source>
        <translation>教科书公式 exp/sum 与之一致（无溢出）</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="139"/>
        <source>Top {0} of {1:,} by p (the rest: {2} of the mass); ▲ q = {3:.3g}, above the axis. {4}</source>
        <translation>按 p 取前 {0} 个（共 {1:,} 个，其余共占概率 {2}）；▲ q = {3:.3g}，超出坐标轴。{4}</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="142"/>
        <source>Top {0} of {1:,} classes by p; the rest hold {2} of the mass. {3}</source>
        <translation>按 p 取前 {0} 个（共 {1:,} 个类别）；其余共占概率 {2}。{3}</translation>
    </message>
    <message>
        <location filename="../qt/panels/probabilities.py" line="145"/>
        <source>▲ q = {0:.3g}, above the axis; {1}</source>
        <translation>▲ q = {0:.3g}，超出坐标轴；{1}</translation>
    </message>
</context>
<context>
    <name>RowPicker</name>
    <message>
        <location filename="../qt/row_picker.py" line="18"/>
        <source>The sample of the batch the explorer shows (PgUp / PgDn step through them).</source>
        <translation>探索器显示这批样本中的哪一个（用 PgUp / PgDn 逐个切换）。</translation>
    </message>
    <message>
        <location filename="../qt/row_picker.py" line="24"/>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <location filename="../qt/row_picker.py" line="56"/>
        <source>of {0:,}</source>
        <translation>共 {0:,} 个</translation>
    </message>
    <message>
        <location filename="../qt/row_picker.py" line="58"/>
        <source>of {0:,}  label {1}</source>
        <translation>共 {0:,} 个  标签 {1}</translation>
    </message>
</context>
<context>
    <name>SamplingLab</name>
    <message>
        <location filename="../qt/labs/sampling.py" line="34"/>
        <source>How many samples to draw.</source>
        <translation>要采样多少次。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="35"/>
        <source>Random seed: the same seed gives the same draws.</source>
        <translation>随机种子：同一个种子给出同样的采样结果。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="36"/>
        <source>Keep only the k most probable classes (off at 0).</source>
        <translation>只保留概率最大的 k 个类别（为 0 时关闭）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="37"/>
        <location filename="../qt/labs/sampling.py" line="41"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="38"/>
        <source>Nucleus: keep the smallest set of classes whose mass reaches p (off at 1).</source>
        <translation>核采样：保留概率总和达到 p 的最小类别集合（为 1 时关闭）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="40"/>
        <source>Keep classes with p &gt;= min_p · p_max (off at 0).</source>
        <translation>保留 p &gt;= min_p · p_max 的类别（为 0 时关闭）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="44"/>
        <source>Truncating before or after the temperature changes which classes survive.</source>
        <translation>在应用温度之前还是之后截断，会改变哪些类别被保留下来。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="45"/>
        <source>Temperature of the Gumbel-softmax relaxed sample.</source>
        <translation>Gumbel-softmax 松弛样本的温度。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="46"/>
        <source>Draw again</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="47"/>
        <source>Next seed: new draws.</source>
        <translation>换下一个种子：得到新的采样结果。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="49"/>
        <source>samples</source>
        <translation>采样次数</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="49"/>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="54"/>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="54"/>
        <source>top-p</source>
        <translation>top-p</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="54"/>
        <source>min-p</source>
        <translation>min-p</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="57"/>
        <source>Draws</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="58"/>
        <source>Truncation</source>
        <translation>截断</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="59"/>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="60"/>
        <source>Gumbel-softmax τ</source>
        <translation>Gumbel-softmax τ</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="69"/>
        <source>share of draws (blue) against p (orange); grey: truncated</source>
        <translation>各类别在采样中所占的比例（蓝色）与 p（橙色）的对比；灰色：被截断的类别</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="73"/>
        <source>one Gumbel-max draw: log p + g; the winner is the sample</source>
        <translation>一次 Gumbel-max 采样：log p + g；最大者就是采样结果</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="79"/>
        <source>Gumbel-softmax relaxed sample: softmax((log p + g)/τ)</source>
        <translation>Gumbel-softmax 松弛样本：softmax((log p + g)/τ)</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="98"/>
        <source>T = 0 is argmax: there is nothing to sample. Raise the temperature.</source>
        <translation>T = 0 就是 argmax：没有什么可采样的。请调高温度。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="140"/>
        <source>argmax: {0} (p = {1:.3g})   |   sampled: {2} (p = {3:.3g}) — this time the argmax won.</source>
        <translation>argmax：{0}（p = {1:.3g}）   |   采样结果：{2}（p = {3:.3g}）——这一次 argmax 胜出了。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="143"/>
        <source>argmax: {0} (p = {1:.3g})   |   sampled: {2} (p = {3:.3g}) — not the argmax: a class with sampling probability {4:.3g} wins about {5:.3g} draws in 100.</source>
        <translation>argmax：{0}（p = {1:.3g}）   |   采样结果：{2}（p = {3:.3g}）——不是 argmax：采样概率为 {4:.3g} 的类别，每 100 次采样中大约胜出 {5:.3g} 次。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="152"/>
        <source>{0} of {1} classes kept by the truncation (temperature first).</source>
        <translation>截断保留了 {1} 个类别中的 {0} 个（先应用温度）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="153"/>
        <source>{0} of {1} classes kept by the truncation (truncation first).</source>
        <translation>截断保留了 {1} 个类别中的 {0} 个（先截断）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="155"/>
        <source>{0} of {1} classes can be drawn; the other {2} have p = 0 (underflow).</source>
        <translation>{1} 个类别中有 {0} 个可以被采样到；其余 {2} 个的 p = 0（下溢）。</translation>
    </message>
    <message>
        <location filename="../qt/labs/sampling.py" line="157"/>
        <source>All {0} classes can be drawn (no truncation).</source>
        <translation>全部 {0} 个类别都可以被采样到（没有截断）。</translation>
    </message>
</context>
<context>
    <name>SurfacePanel</name>
    <message>
        <location filename="../qt/panels/surface.py" line="98"/>
        <source>z{k} = {value}: the point is drawn at a stand-in z{k} = {at:.4g}, the smallest finite logit</source>
        <translation>z{k} = {value}：这个点画在替代值 z{k} = {at:.4g} 处，即最小的有限 logit</translation>
    </message>
    <message>
        <location filename="../qt/panels/surface.py" line="143"/>
        <source>{0} over z{1}, z{2}</source>
        <translation>{0}（z{1}, z{2}）</translation>
    </message>
    <message>
        <location filename="../qt/panels/surface.py" line="144"/>
        <source>{0} over z{1}, z{2}  (∞ shown at the top colour)</source>
        <translation>{0}（z{1}, z{2}；∞ 用色标顶端的颜色表示）</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <location filename="../qt/tour_steps.py" line="52"/>
        <source>Probabilities</source>
        <extracomment>what the tour calls the panels and the lab it points at</extracomment>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="53"/>
        <source>LSE against max</source>
        <translation>LSE 与 max 对比</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="54"/>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="55"/>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="56"/>
        <source>Gradient and Jacobian</source>
        <translation>梯度与雅可比矩阵</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="57"/>
        <source>the readout of numbers</source>
        <translation>数值读数面板</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="58"/>
        <source>Overconfidence experiment</source>
        <translation>过度自信实验</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="76"/>
        <source>Softmax is a smoothed argmax</source>
        <translation>softmax 是平滑的 argmax</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="77"/>
        <source>The logits are z = [1, 2, 3, 4]. After exp, the largest is e³ ≈ 20 times the smallest. How close to 1 will its probability come: 0.99, 0.9, or less?</source>
        <translation>logit 是 z = [1, 2, 3, 4]。取 exp 之后，最大的是最小的 e³ ≈ 20 倍。它的概率会有多接近 1：0.99、0.9，还是更小？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="79"/>
        <source>Less: p = [0.0321, 0.0871, 0.2369, 0.6439]. Softmax leans towards the argmax [0, 0, 0, 1], but at this spread of the logits it is far from it (the blue bars).</source>
        <translation>更小：p = [0.0321, 0.0871, 0.2369, 0.6439]。softmax 偏向 argmax [0, 0, 0, 1]，但在 logit 这样的分散程度下，它离 argmax 还很远（蓝色的柱）。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="82"/>
        <source>Log-sum-exp is a smoothed max</source>
        <translation>对数和指数 LogSumExp 是平滑的 max</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="83"/>
        <source>max(z) = 4. Will LSE(z) = log Σ exp(z) come out below 4, at 4, or above it?</source>
        <translation>max(z) = 4。LSE(z) = log Σ exp(z) 会小于 4、等于 4，还是大于 4？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="84"/>
        <source>Above: LSE = 4.4402, 0.4402 over the max. It always lies between max(u) and max(u) + log N, here 4 and 5.3863: the three dots at s = 1.</source>
        <translation>大于：LSE = 4.4402，比 max 高 0.4402。它总是介于 max(u) 和 max(u) + log N 之间，这里就是 4 和 5.3863：即 s = 1 处的三个点。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="87"/>
        <source>Ten times the logits</source>
        <translation>logit 放大 10 倍</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="88"/>
        <source>Multiply the logits by s = 10: u = [10, 20, 30, 40]. Will softmax come closer to one-hot, and the LSE closer to the max?</source>
        <translation>把 logit 乘以 s = 10：u = [10, 20, 30, 40]。softmax 会更接近 one-hot，LSE 会更接近 max 吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="90"/>
        <source>Both: p = [9.36e-14, 2.06e-09, 4.54e-05, 0.99995] is nearly one-hot, and LSE = 40.0000454 is only 4.54e-05 over the max.</source>
        <translation>都会：p = [9.36e-14, 2.06e-09, 4.54e-05, 0.99995] 几乎是 one-hot，LSE = 40.0000454 只比 max 高 4.54e-05。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="93"/>
        <source>A tenth of the logits</source>
        <translation>logit 缩小到十分之一</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="94"/>
        <source>Now s = 0.1: u = [0.1, 0.2, 0.3, 0.4]. The largest logit is still 4 times the smallest. Will its probability still be about 4 times the smallest?</source>
        <translation>现在 s = 0.1：u = [0.1, 0.2, 0.3, 0.4]。最大的 logit 仍是最小的 4 倍。它的概率还会是最小概率的 4 倍左右吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="96"/>
        <source>No: p = [0.2138, 0.2363, 0.2612, 0.2887], the largest only 1.35 times the smallest. LSE = 1.6425 is 1.2425 over the max of 0.4, near its ceiling log 4 = 1.3863. Neither approximation is good.</source>
        <translation>不会：p = [0.2138, 0.2363, 0.2612, 0.2887]，最大的只是最小的 1.35 倍。LSE = 1.6425 比最大值 0.4 高出 1.2425，接近差距的上限 log 4 = 1.3863。两个近似都不好。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="100"/>
        <source>The spread decides, not the level</source>
        <translation>起决定作用的是分散程度，而不是整体高低</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="101"/>
        <source>Add 100 to every logit: z = [101, 102, 103, 104]. Will p change? Will the LSE move?</source>
        <translation>给每个 logit 都加上 100：z = [101, 102, 103, 104]。p 会变吗？LSE 会移动吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="103"/>
        <source>p stays [0.0321, 0.0871, 0.2369, 0.6439]: softmax ignores a shift of all the logits. The LSE moves by exactly 100, to 104.4402, so LSE − max stays 0.4402. What decides how sharp p is, is the spread: var u = 1.25 here, 125 at s = 10 and 0.0125 at s = 0.1.</source>
        <translation>p 仍是 [0.0321, 0.0871, 0.2369, 0.6439]：softmax 不理会所有 logit 的整体平移。LSE 恰好移动 100，变为 104.4402，所以 LSE − max 仍是 0.4402。决定 p 有多尖锐的是分散程度：这里 var u = 1.25，s = 10 时是 125，s = 0.1 时是 0.0125。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="108"/>
        <source>More classes over the same range</source>
        <translation>同一范围内更多的类别</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="109"/>
        <source>Ten logits evenly spaced over [−10, 10] give a top p of 0.8916 (the article prints 0.98). Keep the range and take 100 classes: will the top p rise or fall?</source>
        <translation>在 [−10, 10] 上均匀分布的 10 个 logit，最大的 p 是 0.8916（文章里印的是 0.98）。保持范围不变，取 100 个类别：最大的 p 会上升还是下降？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="111"/>
        <source>It falls: 0.1829 at N = 100, and 0.0393 at N = 500. LSE − max grows from 0.1147 at N = 10 to 1.6987 and 3.2368, towards log N: the LSE panel sweeps N.</source>
        <translation>下降：N = 100 时是 0.1829，N = 500 时是 0.0393。LSE − max 从 N = 10 时的 0.1147 增长到 1.6987 和 3.2368，逐渐接近 log N：LSE 面板现在扫描的是 N。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="114"/>
        <source>Many classes need a wider range</source>
        <translation>类别多了，范围也要更宽</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="115"/>
        <source>500 classes over [−10, 10] leave the top p at 0.0393. Spread the 500 logits over [−1000, 1000]: will softmax pick one class again?</source>
        <translation>[−10, 10] 上的 500 个类别让最大的 p 只有 0.0393。把这 500 个 logit 分布到 [−1000, 1000] 上：softmax 会再次选中一个类别吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="117"/>
        <source>Yes: the top p is 0.9818 and LSE − max only 0.0183. With many classes the logits must spread wider for softmax to approach the argmax, and LSE the max.</source>
        <translation>会：最大的 p 是 0.9818，LSE − max 只有 0.0183。类别很多时，logit 必须分散得更开，softmax 才能接近 argmax，LSE 才能接近 max。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="120"/>
        <source>Cosine logits need a scale</source>
        <translation>余弦 logit 需要缩放尺度</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="121"/>
        <source>Normalized features make every logit a cosine in [−1, 1], so only the scale s can sharpen softmax. Ten classes at their best (the target&apos;s cosine 1, every other −1/9) at s = 1: can the target reach p = 0.9?</source>
        <translation>归一化的特征让每个 logit 都成为 [−1, 1] 内的余弦值，所以只有缩放尺度 s 能让 softmax 变尖锐。10 个类别处在最好的情形（目标的余弦为 1，其余都是 −1/9），s = 1：目标能达到 p = 0.9 吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="124"/>
        <source>No: p_y is only 0.2524. NormFace&apos;s bound, s ≥ ((N − 1)/N) log((N − 1) P/(1 − P)), asks for s = 3.9550 for P = 0.9 and 6.1131 for 0.99: the LSE panel marks both, and at s = 3.9550 p_y is 0.9000.</source>
        <translation>不能：p_y 只有 0.2524。NormFace 的下界 s ≥ ((N − 1)/N) log((N − 1) P/(1 − P)) 要求 P = 0.9 时 s = 3.9550，0.99 时 s = 6.1131：LSE 面板标出了这两处，s = 3.9550 时 p_y 正好是 0.9000。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="129"/>
        <source>The hinge: one rival at a time</source>
        <translation>hinge：一次只看一个非目标类别</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="130"/>
        <source>Target dog, with logits dog 2.0, cat 1.6, person 0.5. The hinge loss max(max rival − z_y, 0) looks only at the largest rival. When the margin is broken, how many logits get a gradient?</source>
        <translation>目标是 dog（狗），logit 为 dog 2.0、cat 1.6、person 0.5。hinge 损失 max(max rival − z_y, 0) 只看最大的非目标类别（rival）。当间隔被打破时，有几个 logit 会得到梯度？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="133"/>
        <source>Two: the target and the largest rival, one pushed up and one down; the other rivals get none, so training is slow. Here dog already wins, so the hinge is 0: the surface is flat wherever the target leads.</source>
        <translation>两个：目标和最大的非目标类别，一个被往上推，一个被往下推；其余非目标类别得不到梯度，所以训练很慢。这里 dog 已经胜出，所以 hinge 为 0：只要目标领先，曲面就是平的。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="137"/>
        <source>The LSE-hinge: every rival counts</source>
        <translation>LSE-hinge：每个非目标类别都算数</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="138"/>
        <source>Replace the largest rival by the log-sum-exp of all the rivals: max(LSE(rivals) − z_y, 0). Is the loss still 0 here?</source>
        <translation>把最大的非目标类别换成所有非目标类别的对数和指数：max(LSE(rivals) − z_y, 0)。这里的损失还是 0 吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="140"/>
        <source>Yes, only just: LSE(1.6, 0.5) = 1.8873 is still below 2.0. The LSE is never below the max, so this margin is stricter, and once it is broken every rival gets a gradient.</source>
        <translation>是的，但只是勉强：LSE(1.6, 0.5) = 1.8873 仍低于 2.0。LSE 从不低于 max，所以这个间隔更严格；一旦它被打破，每个非目标类别都会得到梯度。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="144"/>
        <source>The margin the LSE asks for</source>
        <translation>LSE 所要求的间隔</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="145"/>
        <source>The article asks, and leaves open, whether using the LSE is like adding some margin m. By how much must dog beat its best rival, cat, before the LSE-hinge is 0?</source>
        <translation>文章问了一个问题却没有回答：使用 LSE 是否相当于加了一定的间隔 m？dog 要比最大的非目标类别 cat 高出多少，LSE-hinge 才会为 0？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="148"/>
        <source>By LSE(rivals) − max(rivals) = 0.2873: an implicit margin, always between 0 (one rival far ahead) and log(N − 1) = 0.6931 (every rival equal). Dog leads by 0.4, more than that, so the loss is 0; the loss panel marks the implicit margin with a dotted green line. An explicit margin m (the Margin control, as in AM-Softmax) adds to it.</source>
        <translation>要高出 LSE(rivals) − max(rivals) = 0.2873：这是一个隐式间隔，总是介于 0（某个非目标类别遥遥领先）和 log(N − 1) = 0.6931（所有非目标类别相等）之间。dog 领先 0.4，比它多，所以损失为 0；损失面板用绿色点线标出了这个隐式间隔。显式间隔 m（“间隔 m”控件，和 AM-Softmax 中一样）会再加在它上面。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="154"/>
        <source>Softplus: cross-entropy appears</source>
        <translation>softplus：交叉熵出现了</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="155"/>
        <source>Smooth max(x, 0) as well, into softplus log(1 + eˣ), of the same x = LSE(rivals) − z_y. Which familiar loss comes out, and what is its value?</source>
        <translation>再把 max(x, 0) 也平滑成 softplus log(1 + eˣ)，x 仍是 LSE(rivals) − z_y。会得到哪个熟悉的损失？它的值是多少？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="157"/>
        <source>Softmax cross-entropy: softplus(1.8873 − 2.0) = 0.6384 = −log p_dog, with p_dog = 0.5281. The loss panel draws the hinge, the LSE-hinge and CE against the margin: CE is the smooth one, and never exactly 0.</source>
        <translation>softmax 交叉熵：softplus(1.8873 − 2.0) = 0.6384 = −log p_dog，其中 p_dog = 0.5281。损失面板画出了 hinge、LSE-hinge 和交叉熵随间隔的变化：交叉熵是其中光滑的那条，而且从不恰好为 0。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="162"/>
        <source>One-hot labels reward big logits</source>
        <translation>one-hot 标签奖励大的 logit</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="163"/>
        <source>Logits [1.5, 1.2, 1.0] with target dog: p_dog = 0.4260 and CE = 0.8533. Scale all the logits by 5, which keeps their order: will the cross-entropy rise or fall?</source>
        <translation>logit 为 [1.5, 1.2, 1.0]，目标是 dog：p_dog = 0.4260，CE = 0.8533。把所有 logit 都乘以 5（顺序不变）：交叉熵会上升还是下降？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="166"/>
        <source>It falls, to 0.2664, and p = [0.7662, 0.1710, 0.0629] is far more extreme. Under a one-hot label the loss only falls as the logits grow, so a model can lower it by inflating its weights alone: overconfidence.</source>
        <translation>下降，降到 0.2664，而 p = [0.7662, 0.1710, 0.0629] 极端得多。在 one-hot 标签下，logit 越大，损失就越小，所以模型只要把权重放大就能降低损失：这就是过度自信。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="170"/>
        <source>Label smoothing: a finite best gap</source>
        <translation>标签平滑：最佳差距是有限的</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="171"/>
        <source>Smooth the label with ε = 0.1: q = [0.9333, 0.0333, 0.0333]. Will the loss still keep falling as the logits grow?</source>
        <translation>用 ε = 0.1 平滑标签：q = [0.9333, 0.0333, 0.0333]。随着 logit 增大，损失还会一直下降吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="173"/>
        <source>No: the smoothed CE is smallest at a finite gap. With every rival equal, p = q there, log((1 − ε + ε/3)/(ε/3)) = 3.3322 above the rivals; on the orange curve (the rivals held apart) the minimum is near a margin of 2.95, and it rises past it. At s = 5 it is 0.3997.</source>
        <translation>不会：标签平滑交叉熵在一个有限的差距处最小。当所有非目标类别的 logit 相等时，那里 p = q，目标比它们高出 log((1 − ε + ε/3)/(ε/3)) = 3.3322；在橙色曲线上（非目标类别彼此分开），最低点在间隔约 2.95 处，超过之后又上升。s = 5 时它是 0.3997。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="178"/>
        <source>The overconfidence lab</source>
        <translation>过度自信实验</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="179"/>
        <source>The lab runs 300 steps of gradient descent (learning rate 0.5) on these logits. With one-hot CE, will the target&apos;s logit gap settle, or keep growing?</source>
        <translation>这个实验在这些 logit 上运行 300 步梯度下降（学习率 0.5）。用 one-hot 交叉熵时，目标的 logit 差距会稳定下来，还是一直增长？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="181"/>
        <source>It keeps growing: after 300 steps the gap is 6.08, max p 0.9955, and the loss (0.0045) is still falling. Now with label smoothing, ε = 0.1: the gap stops at 3.3320, under the bound 3.3322, and max p at 0.9333.</source>
        <translation>一直增长：300 步之后，差距是 6.08，最大概率 p 是 0.9955，损失（0.0045）仍在下降。现在换成标签平滑，ε = 0.1：差距停在 3.3320，低于上界 3.3322，最大概率 p 停在 0.9333。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="186"/>
        <source>Overflow, and the max shift</source>
        <translation>溢出，以及减去最大值</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="187"/>
        <source>Logits [10, 2, 40, 4]: exp(40) = 2.35e+17 fits in a float, and the textbook exp(z)/Σ exp(z) agrees with the stable softmax. Change 40 to 10000: what will the textbook formula give?</source>
        <translation>logit 为 [10, 2, 40, 4]：exp(40) = 2.35e+17 仍在浮点数的范围之内，教科书公式 exp(z)/Σ exp(z) 与稳定的 softmax 一致。把 40 改成 10000：教科书公式会给出什么？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="190"/>
        <source>NaN: exp(10000) overflows to inf, and inf/inf is NaN (the red cross). Subtracting the max first computes exp(z − 10000) instead, which cannot overflow: p = [0, 0, 1, 0]. A shift changes nothing, so it is the same softmax.</source>
        <translation>NaN：exp(10000) 溢出为 inf，而 inf/inf 是 NaN（红色的叉）。先减去最大值，算的就是 exp(z − 10000)，它不会溢出：p = [0, 0, 1, 0]。平移什么也不改变，所以这还是同一个 softmax。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="195"/>
        <source>Log-softmax stays finite</source>
        <translation>log-softmax 保持有限</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="196"/>
        <source>The stable softmax gives three classes p = 0 here. What is log p for them: −inf, or a finite number?</source>
        <translation>这里稳定的 softmax 给出三个类别的 p = 0。它们的 log p 是多少：−inf，还是一个有限的数？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="198"/>
        <source>Finite: log(0) would be −inf, but log_softmax(z) = z − LSE(z) gives −9990, −9998 and −9996 (on the log axis). Losses are computed this way, never as log(softmax).</source>
        <translation>有限的数：log(0) 会是 −inf，但 log_softmax(z) = z − LSE(z) 给出 −9990、−9998 和 −9996（见对数轴）。损失都是这样算的，从不用 log(softmax)。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="202"/>
        <source>Temperature: cold</source>
        <translation>温度：冷</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="203"/>
        <source>The boy ___ to the market: goes 38, go 20, went 40, comes 39. At T = 1, went gets p = 0.6652. Which word wins at T = 0.001, and with what probability?</source>
        <translation>The boy ___ to the market：goes 38、go 20、went 40、comes 39。T = 1 时，went 的 p = 0.6652。T = 0.001 时哪个词胜出？概率是多少？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="206"/>
        <source>went, with p = 1: u = z/T puts went 1000 above comes, and exp(−1000) is 0 in a float. T → 0 is the argmax.</source>
        <translation>went，p = 1：u = z/T 让 went 比 comes 高出 1000，而 exp(−1000) 在浮点数里就是 0。T → 0 就是 argmax。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="209"/>
        <source>Temperature: hot</source>
        <translation>温度：热</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="210"/>
        <source>And at T = 100: will sampling still pick went 67% of the time?</source>
        <translation>那么 T = 100 时：采样还会有 67% 的时候选中 went 吗？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="211"/>
        <source>No: p = [0.2587, 0.2161, 0.2639, 0.2613] is almost uniform, so samples become diverse. The temperature divides the logits, u = z/T, as a scale s = 1/T would.</source>
        <translation>不会：p = [0.2587, 0.2161, 0.2639, 0.2613] 几乎是均匀分布，所以采样结果变得多样。logit 被温度除，u = z/T，效果和缩放尺度 s = 1/T 一样。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="216"/>
        <source>The gradient is p − y</source>
        <translation>梯度是 p − y</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="217"/>
        <source>For softmax cross-entropy, ∂CE/∂u = p − y. At z = [1, 2, 3, 4] with target class 3, which bars point down, and how long is the target&apos;s?</source>
        <translation>对 softmax 交叉熵，∂CE/∂u = p − y。在 z = [1, 2, 3, 4]、目标类别为 3 时，哪些柱朝下？目标的那根有多长？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="219"/>
        <source>Only the target&apos;s: p₃ − 1 = −0.3561. The others are their own p (0.0321, 0.0871, 0.2369) and point up; all four sum to 0. Training pushes the target up and each rival down by the probability it holds.</source>
        <translation>只有目标的那根：p₃ − 1 = −0.3561。其余的就是它们各自的 p（0.0321、0.0871、0.2369），都朝上；四根加起来是 0。训练把目标往上推，把每个非目标类别按它所占的概率往下推。</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="223"/>
        <source>A confident answer barely trains</source>
        <translation>自信的答案几乎不再训练</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="224"/>
        <source>At s = 10 the target holds p = 0.99995. How big is the gradient now?</source>
        <translation>s = 10 时，目标的 p = 0.99995。现在梯度有多大？</translation>
    </message>
    <message>
        <location filename="../qt/tour_steps.py" line="225"/>
        <source>Tiny: the target&apos;s bar is −4.54e-05 and the smallest rival&apos;s 9.36e-14. A class whose p is almost 0 gets almost no gradient, and so does a right answer given with confidence: the Jacobian diag(p) − ppᵀ vanishes too.</source>
        <translation>极小：目标的柱是 −4.54e-05，最小的非目标类别的柱是 9.36e-14。p 几乎为 0 的类别几乎得不到梯度，自信地给出的正确答案也一样：雅可比矩阵 diag(p) − ppᵀ 也趋于 0。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="129"/>
        <source>Show me</source>
        <translation>揭晓</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="130"/>
        <source>Show the answer (and the experiment&apos;s result) once you have guessed.</source>
        <translation>猜过之后，显示答案（以及实验的结果）。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="131"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="132"/>
        <location filename="../qt/tour.py" line="224"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="133"/>
        <source>Leave tour</source>
        <translation>退出导览</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="134"/>
        <source>End the tour: your own state, undo history and batch come back.</source>
        <translation>结束导览：你自己的状态、撤销历史和那批样本都会原样回来。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="158"/>
        <source>Start here: a guided tour</source>
        <translation>从这里开始：导览</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="212"/>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="216"/>
        <source>Look at the framed lab: {place}.</source>
        <translation>请看框出的实验室：{place}。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="218"/>
        <source>Look at the framed panel: {place}.</source>
        <translation>请看框出的面板：{place}。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="219"/>
        <source>Guess first, then press Show me.</source>
        <translation>先猜一猜，再按“揭晓”。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="224"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="225"/>
        <source>End the tour and go back to your own state.</source>
        <translation>结束导览，回到你自己的状态。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="226"/>
        <source>The next experiment.</source>
        <translation>下一个实验。</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="256"/>
        <source>This step of the tour cannot set its state: no gallery preset {0}</source>
        <translation>导览的这一步无法设置它的状态：预设库中没有预设 {0}</translation>
    </message>
    <message>
        <location filename="../qt/tour.py" line="258"/>
        <source>This step of the tour cannot set its state: {problem}</source>
        <translation>导览的这一步无法设置它的状态：{problem}</translation>
    </message>
</context>
<context>
    <name>ViewFollow</name>
    <message>
        <location filename="../qt/plotting/follow.py" line="35"/>
        <source>Reset view (double-click, Home)</source>
        <translation>重置视野（双击，Home）</translation>
    </message>
    <message>
        <location filename="../qt/plotting/follow.py" line="37"/>
        <source>Pin this view</source>
        <translation>固定此视野</translation>
    </message>
    <message>
        <location filename="../qt/plotting/follow.py" line="38"/>
        <source>Keep this zoom while the state changes</source>
        <translation>状态改变时保持当前的缩放</translation>
    </message>
</context>
</TS>
