<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../gui/help/about_dialog.py" line="+104"/>
        <source>About Backprop Lab</source>
        <translation>关于 Backprop Lab</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backprop Lab %1</source>
        <translation>Backprop Lab %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw a neural network, train it live and watch every layer: its activations, its gradients and how each weight moves. An exact NumPy core under a Qt window.</source>
        <translation>画出一个神经网络，实时训练它，观察每一层：它的激活值、它的梯度，以及每个权重如何变化。底层是精确的 NumPy 核心，上层是 Qt 窗口。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Free software under the MIT licence.</source>
        <translation>基于 MIT 许可证发布的自由软件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the versions above, to paste into a bug report</source>
        <translation>复制上面的版本信息，以便粘贴到错误报告中</translation>
    </message>
</context>
<context>
    <name>ActivationExplorer</name>
    <message>
        <location filename="../../gui/panels/activation_explorer.py" line="+52"/>
        <location line="+302"/>
        <source>Activation explorer</source>
        <translation>激活函数探索器</translation>
    </message>
    <message>
        <location line="-296"/>
        <source>The activation to plot (every one the engine knows)</source>
        <translation>要画出的激活函数（引擎支持的每一种）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left end of the plotted range of z</source>
        <translation>z 绘图范围的左端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right end of the plotted range of z</source>
        <translation>z 绘图范围的右端</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overlay the pre-activations z of this dense layer (an evaluation pass over training rows)</source>
        <translation>叠加显示这个全连接层的预激活值 z（在训练样本上做一次评估模式的前向传播）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit to layer</source>
        <translation>适应该层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the range to cover the chosen layer&apos;s pre-activations</source>
        <translation>把范围设为覆盖所选层的全部预激活值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z from</source>
        <translation>z 从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>share of z</source>
        <translation>z 的占比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pre-activation z</source>
        <translation>预激活值 z</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>The range is empty: &apos;z from&apos; ({lo}) must be below &apos;to&apos; ({hi}).</source>
        <translation>范围为空：“z 从”（{lo}）必须小于“到”（{hi}）。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Top: the activation f(z) and its slope f&apos;(z); the dot and dashed line mark the largest slope. Backpropagation multiplies the gradient by f&apos;(z) at every layer, so where the slope is small (grey: below 1% of its maximum, the flat or saturated parts) almost no gradient gets through. Bottom: where the chosen layer&apos;s pre-activations z = W·a + b fall for the training data; units whose z sit in the grey parts barely learn. The sigmoid&apos;s slope is at most 0.25 even at its best, so every sigmoid layer shrinks the gradient at least fourfold.</source>
        <translation>上图：激活函数 f(z) 及其斜率 f&apos;(z)；圆点和虚线标出最大斜率。反向传播在每一层都把梯度乘以 f&apos;(z)，所以在斜率很小的地方（灰色：低于最大值的 1%，即平坦或饱和的部分）几乎没有梯度能通过。下图：所选层的预激活值 z = W·a + b 在训练数据上的分布；z 落在灰色部分的单元几乎学不到东西。sigmoid 的斜率即使在最好的位置也最多只有 0.25，所以每经过一个 sigmoid 层，梯度至少缩小为四分之一。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name}: the slope is 0 almost everywhere</source>
        <translation>{name}：斜率几乎处处为 0</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>max f&apos; = {m} at z = {z}</source>
        <translation>f&apos; 最大值 = {m}，位于 z = {z}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>max f&apos; = {m}</source>
        <translation>f&apos; 最大值 = {m}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The pre-activations could not be computed: {error}</source>
        <translation>无法计算预激活值：{error}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pick a layer to see where its pre-activations fall on {name}.</source>
        <translation>选择一层，查看它的预激活值落在 {name} 的哪些位置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for the training process&apos;s pre-activations…</source>
        <translation>正在等待训练进程返回预激活值…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{label}: {n} values of z ({rows} training rows), from {lo} to {hi}.</source>
        <translation>{label}：{n} 个 z 值（{rows} 个训练样本），从 {lo} 到 {hi}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{share} of them sit where its {name} is flat (|f&apos;| &lt; {pct}% of its maximum).</source>
        <translation>其中 {share} 落在其 {name} 平坦的地方（|f&apos;| 小于最大值的 {pct}%）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Some z lie outside the plotted range: press Fit to layer.</source>
        <translation>有些 z 在绘图范围之外：请按“适应该层”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} values are not finite (not drawn).</source>
        <translation>{n} 个值不是有限数（未画出）。</translation>
    </message>
</context>
<context>
    <name>ActivationStatsPanel</name>
    <message>
        <location filename="../../gui/panels/activation_stats.py" line="+41"/>
        <source>Activations</source>
        <extracomment>above this many layers: no &quot;12 %&quot; over each bar, and only some layer names on the axis</extracomment>
        <translation>激活值</translation>
    </message>
    <message>
        <source>saturated units (sigmoid, tanh, softmax)</source>
        <translation type="vanished">饱和单元（sigmoid、tanh、softmax）</translation>
    </message>
    <message>
        <source>dead units (ReLU family)</source>
        <translation type="vanished">死亡单元（ReLU 族）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>saturated</source>
        <translation>饱和</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dead (% of units)</source>
        <translation>死亡（单元占比 %）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>units %</source>
        <translation>单元 %</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Activation mean ± std (last batch)</source>
        <translation>激活值均值 ± 标准差（最后一个批次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>For each layer, on the last training batch. Bars: the share of units that are saturated (output near the limits of sigmoid, tanh or softmax, where the slope and so the gradient nearly vanish) or dead (a ReLU that outputs 0 for every example, so it learns nothing). Dots: the mean output of the layer, with whiskers one standard deviation up and down.</source>
        <translation>每一层在最后一个训练批次上的情况。柱：饱和单元（输出接近 sigmoid、tanh 或 softmax 的极限，斜率从而梯度几乎消失）或死亡单元（对每个样本都输出 0 的 ReLU，因此什么也学不到）所占的比例。点：该层输出的均值，须线为上下各一个标准差。</translation>
    </message>
    <message>
        <source>For each layer, on the last training batch. Top: the share of units that are saturated (output near the limits of sigmoid, tanh or softmax, where the slope and so the gradient nearly vanish) or dead (a ReLU that outputs 0 for every example, so it learns nothing). Bottom: the mean output of the layer, with bars one standard deviation up and down.</source>
        <translation type="vanished">按层统计，基于最后一个训练批次。上图：饱和单元（输出接近 sigmoid、tanh 或 softmax 的极限，那里斜率和梯度都几乎为零）或死亡单元（对每个样本都输出 0 的 ReLU，因此什么也学不到）所占的比例。下图：该层输出的均值，误差棒向上向下各一个标准差。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Saturated and dead units per layer</source>
        <translation>每层的饱和单元与死亡单元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation mean and spread per layer</source>
        <translation>每层激活值的均值与离散程度</translation>
    </message>
</context>
<context>
    <name>Branching</name>
    <message>
        <location filename="../../gui/branching.py" line="+63"/>
        <source>Nothing to branch: the project has no network built</source>
        <translation>无法分支：项目尚未构建网络</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Branched at step {step} (the run history cannot be used: the run before is not kept). Change settings and press Play to continue from here.</source>
        <translation>已在第 {step} 步分支（运行历史无法使用：之前的运行未被保留）。更改设置后按“播放”即可从此处继续。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Branched at step {step}: run #{parent} is kept in the run history. Change settings (learning rate, optimizer, batch size, regularisation, an activation) and press Play: training continues from step {step} as a new run, a branch of #{parent}.</source>
        <translation>已在第 {step} 步分支：运行 #{parent} 已保存在运行历史中。更改设置（学习率、优化器、批大小、正则化、激活函数）后按“播放”：训练将从第 {step} 步作为新的运行继续，它是 #{parent} 的一个分支。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot branch: {reason}</source>
        <translation>无法分支：{reason}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot make run #{run} current: its project cannot be read ({reason})</source>
        <translation>无法将运行 #{run} 设为当前：无法读取其项目（{reason}）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Run #{run}&apos;s project is open, but its weights were not stored{why}: it starts from fresh weights</source>
        <translation>已打开运行 #{run} 的项目，但其权重未被保存{why}：将从新的初始权重开始</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run #{run} is current: its weights at step {step}. Training continues from them with fresh optimizer state (the run history does not store it) as a branch of #{run}</source>
        <translation>运行 #{run} 已设为当前：使用其第 {step} 步的权重。训练从这些权重继续，优化器状态重新开始（运行历史不保存它），作为 #{run} 的一个分支</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot load run #{run}&apos;s weights: {reason}</source>
        <translation>无法加载运行 #{run} 的权重：{reason}</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <location filename="../../gui/bundle_actions.py" line="+44"/>
        <source>Export reproducible bundle</source>
        <translation>导出可复现包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zip archive (*.zip);;Folder (*)</source>
        <translation>Zip 压缩包 (*.zip);;文件夹 (*)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the picture of the network could not be written</source>
        <translation>无法写入网络结构图</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing the bundle: replaying the run to check it…</source>
        <translation>正在准备复现包：重放训练过程以进行核对…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing the bundle {path}…</source>
        <translation>正在写入复现包 {path}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote the bundle {path}: {n} files; retrain.py reaches the same weights (within {tol})</source>
        <translation>已写入复现包 {path}：{n} 个文件；retrain.py 可得到相同的权重（误差不超过 {tol}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrote the bundle {path}: {n} files, without retrain.py (see its README)</source>
        <translation>已写入复现包 {path}：{n} 个文件，不含 retrain.py（原因见其中的 README）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot export the bundle</source>
        <translation>无法导出复现包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
</context>
<context>
    <name>Caption</name>
    <message>
        <location filename="../../gui/panels/style.py" line="+413"/>
        <source>Hide this explanation</source>
        <translation>隐藏这段说明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Explain what this panel shows</source>
        <translation>说明这个面板显示的内容</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../gui/compare_window.py" line="+257"/>
        <source>Training {0} copies of the network…</source>
        <translation>正在训练网络的 {0} 个副本…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not run: {0}</source>
        <translation>未运行：{0}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{0} optimizers, {1} steps each, from the same initial weights on the same batches.</source>
        <translation>{0} 个优化器，各训练 {1} 步，从相同的初始权重出发，使用相同的批次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled: the curves end where training stopped.</source>
        <translation>已取消：曲线在训练停止处结束。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no boundary
(this data has no input plane,
or training diverged)</source>
        <translation>没有决策边界
（这份数据没有输入平面，
或训练发散了）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Compare optimizers</source>
        <translation>比较优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add optimizer</source>
        <translation>添加优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another optimizer to train beside the others (at most six)</source>
        <translation>再加一个优化器与其他优化器一起训练（最多六个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many epochs each optimizer trains</source>
        <translation>每个优化器训练多少轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the project&apos;s initial weights</source>
        <translation>项目的初始权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the current run&apos;s weights</source>
        <translation>当前运行的权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every optimizer starts from these same weights</source>
        <translation>每个优化器都从这组相同的权重开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train the network once per optimizer, in the background (the current run is not changed)</source>
        <translation>在后台为每个优化器各训练一次网络（当前运行不受影响）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the comparison; the curves so far are shown</source>
        <translation>停止比较；显示目前为止的曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps done of each run</source>
        <translation>每次运行已完成的步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss (solid: training, dashed: validation)</source>
        <translation>损失（实线：训练，虚线：验证）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each optimizer trains a copy of the current network from the same initial weights on the same batches in the same order, so only the optimizer differs.</source>
        <translation>每个优化器都从相同的初始权重出发、按相同顺序在相同的批次上训练当前网络的一个副本，因此唯一的差别就是优化器。</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../gui/controller.py" line="+86"/>
        <location line="+128"/>
        <location line="+94"/>
        <source>Not applied: {reason}</source>
        <translation>未应用：{reason}</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>{name} set to {value} in the running network only (step {step}); the project keeps its starting values, so Save and Reset do not keep this one</source>
        <translation>{name} 已在运行中的网络里设为 {value}（第 {step} 步）；项目保留其初始值，因此保存和重置不会保留这个值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} set to {value}: a starting value of the project (Save keeps it)</source>
        <translation>{name} 已设为 {value}：这是项目的初始值（保存会保留它）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Network changed: weights kept (their shapes did not change)</source>
        <translation>网络已更改：保留权重（形状没有变化）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Network changed: weights re-initialised (their shapes or initialisation changed)</source>
        <translation>网络已更改：权重重新初始化（形状或初始化方式有变化）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data changed: weights kept (the inputs did not change)</source>
        <translation>数据已更改：保留权重（输入未改变）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data changed: weights re-initialised</source>
        <translation>数据已更改：权重重新初始化</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed changed: new data sample and new initial weights</source>
        <translation>种子已更改：新的数据样本和新的初始权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training settings changed: continuing from the current weights</source>
        <translation>训练设置已更改：从当前权重继续</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what} changed: continuing from the current weights with a new history</source>
        <translation>{what}已更改：从当前权重继续，历史记录重新开始</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Optimizer {name} back as it was at step {step}, with its state (undone swap)</source>
        <translation>优化器 {name} 已恢复为第 {step} 步时的样子，连同其状态（撤销了切换）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optimizer changed to {name} at step {step}: the weights, the step count and the history carry over; the optimizer&apos;s state (momentum buffers, Adam&apos;s moments and step) starts afresh</source>
        <translation>在第 {step} 步将优化器换为 {name}：权重、步数和训练历史保留；优化器的状态（动量缓冲、Adam 的矩估计和步数）重新开始</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Weights re-initialised: the new network cannot take the previous weights</source>
        <translation>权重已重新初始化：新网络无法沿用之前的权重</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>It was restarted with your project: press Play to train again.</source>
        <translation>已用你的项目重新启动：按“播放”继续训练。</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <location filename="../../gui/panels/controls.py" line="+44"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Steps per second: max trains as fast as the machine can</source>
        <translation type="vanished">每秒步数：max 表示以机器能达到的最快速度训练</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fast</source>
        <translation>快</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>medium</source>
        <translation>中等</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>very slow</source>
        <translation>很慢</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training steps per second while playing: slow to watch each step, max trains as fast as the machine can</source>
        <translation>播放时每秒的训练步数：慢速可观察每一步，max 以机器允许的最快速度训练</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+41"/>
        <source>Press Play (Space) to train</source>
        <translation>按“播放”（空格键）开始训练</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>epoch &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>轮次 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>step &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>步 &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>loss &lt;b&gt;{values}&lt;/b&gt;</source>
        <translation>损失 &lt;b&gt;{values}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>accuracy &lt;b&gt;{values}&lt;/b&gt;</source>
        <translation>准确率 &lt;b&gt;{values}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(train / validation)</source>
        <translation>（训练 / 验证）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>step {n} failed</source>
        <translation>第 {n} 步失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;{n}&lt;/b&gt; steps/s</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; 步/秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Press Play or Space to train</source>
        <translation>按“播放”或空格键开始训练</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <location filename="../../gui/csv_import.py" line="+48"/>
        <source>numeric</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>categorical</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>refuse (the file must have none)</source>
        <translation>拒绝（文件中不能有缺失值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drop the rows</source>
        <translation>删除这些行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fill with the column&apos;s mean</source>
        <translation>用该列的均值填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fill with the column&apos;s median</source>
        <translation>用该列的中位数填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fill with the most frequent value</source>
        <translation>用出现最多的值填充</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>regression (predict a number)</source>
        <translation>回归（预测一个数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>classification (predict a class)</source>
        <translation>分类（预测一个类别）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file {file} has no data rows.</source>
        <extracomment>the engine&apos;s codes (core.tabular) as sentences; args: file, row, column, value, line, rows</extracomment>
        <translation>文件 {file} 没有数据行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file {file} has no header row: its first line is numbers, not column names. Add a line of names.</source>
        <translation>文件 {file} 没有表头行：它的第一行是数字，而不是列名。请添加一行列名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line {line} of {file} has more fields than the header.</source>
        <translation>{file} 的第 {line} 行的字段比表头多。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The target column “{column}” is missing in every row: choose another target.</source>
        <translation>目标列“{column}”在每一行都缺失：请选择另一个目标列。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row {row}, column “{column}”: “{value}” is text, so this column cannot be a regression target. Choose classification or another target.</source>
        <translation>第 {row} 行，列“{column}”：“{value}”是文本，所以这一列不能作为回归目标。请选择分类或另一个目标列。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Row {row}, column “{column}”: “{value}” is not a number. Make the column categorical, ignore it, or correct the file.</source>
        <translation>第 {row} 行，列“{column}”：“{value}”不是数字。请把这一列设为类别、忽略它，或修改文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Row {row}, column “{column}”: “{value}” is not a finite number.</source>
        <translation>第 {row} 行，列“{column}”：“{value}”不是有限的数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row {row}, column “{column}”: the value is missing. Choose how missing values are handled.</source>
        <translation>第 {row} 行，列“{column}”：值缺失。请选择如何处理缺失值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Column “{column}” is missing in every row: ignore it.</source>
        <translation>列“{column}”在每一行都缺失：请忽略它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every column but the target is ignored: the network needs at least one input.</source>
        <translation>除目标列外的所有列都被忽略了：网络至少需要一个输入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file {file} has two columns named “{column}”: rename one in the header.</source>
        <translation>文件 {file} 中有两列都叫“{column}”：请在表头中给其中一列改名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only {rows} rows are left after dropping the rows with missing values.</source>
        <translation>删除含缺失值的行后只剩 {rows} 行。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Missing value</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+306"/>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="-294"/>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>no file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The CSV file the examples are read from</source>
        <translation>读取样本的 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a CSV file with a header row of column names</source>
        <translation>选择一个第一行是列名的 CSV 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The column the network learns to predict; every other column can be an input</source>
        <translation>网络要学习预测的列；其他每一列都可以作为输入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Regression predicts a number (a price); classification predicts one of a few classes. Guessed from the target: a few whole numbers or text mean classes</source>
        <translation>回归预测一个数（例如价格）；分类预测几个类别中的一个。根据目标列猜测：少数几个整数或文本表示类别</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What to do with empty cells and cells such as NA or ?: drop those rows, or fill a number column with its mean, median or most frequent value. In a categorical column a missing value becomes a level of its own, “(missing)”, unless the most frequent level fills it. Rows without a target are always dropped</source>
        <translation>如何处理空单元格以及 NA、? 这样的单元格：删除这些行，或用数值列的均值、中位数或出现最多的值填充。在类别列中，缺失值成为一个单独的取值“(missing)”，除非用出现最多的取值填充。没有目标值的行总是被删除</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inputs to zero mean, unit variance</source>
        <translation>输入变为零均值、单位方差</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scale each input with the mean and standard deviation of the training rows</source>
        <translation>用训练行的均值和标准差缩放每个输入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the target too (regression)</source>
        <translation>目标也标准化（回归）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Train on the target scaled to zero mean and unit variance (a price in the hundreds of thousands would make huge gradients); predictions are shown in the target&apos;s own units</source>
        <translation>在缩放为零均值、单位方差的目标上训练（几十万的价格会产生巨大的梯度）；预测值以目标本身的单位显示</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Standardise</source>
        <translation>标准化</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>作用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Guess</source>
        <translation>猜测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each column&apos;s role: numeric (one input), categorical (one input per level, 1 for the row&apos;s level: one-hot encoding) or ignore (an Id, free text). The guess is shown beside it</source>
        <translation>每一列的作用：数值（一个输入）、类别（每个取值一个输入，该行的取值为 1：独热编码）或忽略（编号、自由文本）。旁边显示猜测的作用</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The first rows of the file; missing values show as NA, the target column is shaded</source>
        <translation>文件的前几行；缺失值显示为 NA，目标列有底色</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Use this data</source>
        <translation>使用这些数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the file with these choices (Ctrl+Z undoes it)</source>
        <translation>按这些选择使用该文件（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close without changing the data</source>
        <translation>关闭，不改变数据</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a CSV file</source>
        <translation>选择 CSV 文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The first {shown} of {rows} rows, {columns} columns</source>
        <translation>共 {rows} 行中的前 {shown} 行，{columns} 列</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The role of column “{column}”</source>
        <translation>列“{column}”的作用</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{levels} distinct values: {examples}</source>
        <translation>{levels} 个不同的值：{examples}</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>{rows} rows used of {total}; {numeric} numeric, {categorical} categorical and {ignored} ignored columns make {inputs} inputs</source>
        <translation>使用 {total} 行中的 {rows} 行；{numeric} 个数值列、{categorical} 个类别列和 {ignored} 个忽略的列，共 {inputs} 个输入</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>; {classes} classes</source>
        <translation>；{classes} 个类别</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+7"/>
        <source>{cells} missing values in {columns} columns</source>
        <translation>{columns} 列中有 {cells} 个缺失值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{rows} rows without a target dropped</source>
        <translation>删除了 {rows} 行没有目标值的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{rows} rows dropped</source>
        <translation>删除了 {rows} 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{cells} values filled in {columns} columns</source>
        <translation>在 {columns} 列中填充了 {cells} 个值</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../gui/panels/data_panel.py" line="+51"/>
        <source>2-D, two classes in opposite quadrants</source>
        <translation>二维，两类点位于相对的象限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2-D, a disc inside a ring</source>
        <translation>二维，圆环内的一个圆盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2-D, interleaved spiral arms</source>
        <translation>二维，交错的螺旋臂</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2-D, two interleaving half circles</source>
        <translation>二维，两个交错的半圆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2-D, Gaussian blobs</source>
        <translation>二维，高斯团簇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1-D regression: y = sin(x) + noise</source>
        <translation>一维回归：y = sin(x) + 噪声</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8x8 images of digits, 10 classes</source>
        <translation>8x8 的数字图像，10 个类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 measurements, 3 species</source>
        <translation>4 项测量值，3 个品种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>13 measurements, 3 cultivars</source>
        <translation>13 项测量值，3 个品种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 features, 2 classes</source>
        <translation>30 个特征，2 个类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10 features, regression</source>
        <translation>10 个特征，回归</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your own CSV file</source>
        <translation>你自己的 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MNIST-format files</source>
        <translation>MNIST 格式的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rows of inputs and targets written in the project file</source>
        <translation>直接写在项目文件里的输入和目标行</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The examples the network learns from. In the preview below, filled points train it and hollow squares (the validation set) only check it; colour = class.</source>
        <extracomment>at most this many points in the preview (drawing 100,000 froze the window for seconds)</extracomment>
        <translation>网络从中学习的样本。在下方的预览中，实心点用于训练，空心方块（验证集）只用于检验；颜色 = 类别。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The data set the network learns from: a generated toy problem or a CSV / NPZ file</source>
        <translation>网络从中学习的数据集：生成的示例问题，或 CSV / NPZ 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How many examples to generate (training and validation together)</source>
        <translation>要生成的样本数（训练集与验证集合计）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Standard deviation of the random jitter added to each point: more noise, harder to separate</source>
        <translation>加到每个点上的随机扰动的标准差：噪声越大，越难分开</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many classes (colours) the generated data has</source>
        <translation>生成的数据有多少个类别（颜色）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fraction of the examples held back as the validation set: never trained on, used to see overfitting and for early stopping</source>
        <translation>留作验证集的样本比例：从不用于训练，用来观察过拟合并用于早停</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Validation split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zero mean, unit variance</source>
        <translation>零均值，单位方差</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scale each input to zero mean and unit variance, with statistics fitted on the training rows only</source>
        <translation>把每个输入缩放到零均值、单位方差，统计量只在训练行上拟合</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Standardise</source>
        <translation>标准化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+223"/>
        <location line="+9"/>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location line="-231"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a CSV or NPZ file of examples</source>
        <translation>选择一个包含样本的 CSV 或 NPZ 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The CSV or NPZ file the examples are read from</source>
        <translation>读取样本的 CSV 或 NPZ 文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The column (CSV) or array (NPZ) that holds what the network should predict</source>
        <translation>存放网络要预测的目标的列（CSV）或数组（NPZ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target / labels</source>
        <translation>目标 / 标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate (new seed)</source>
        <translation>重新生成（新种子）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw a new sample of the data (and new initial weights) with the next seed</source>
        <translation>用下一个种子重新抽取数据样本（以及新的初始权重）</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>points</source>
        <translation>个点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Showing {n} of {total} {what}.</source>
        <translation>显示了 {total} {what}中的 {n} {what}。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+15"/>
        <source>Data set {source}</source>
        <translation>数据集 {source}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IDX files (*.idx* *ubyte*);;All files (*)</source>
        <translation>IDX 文件 (*.idx* *ubyte*);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a data file</source>
        <translation>选择数据文件</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Regenerate data</source>
        <translation>重新生成数据</translation>
    </message>
</context>
<context>
    <name>DescentWindow</name>
    <message>
        <location filename="../../gui/descent_window.py" line="+194"/>
        <source>Training the three runs one after the other…</source>
        <extracomment>at most this many points of a per-step curve are drawn (every n-th step beyond)</extracomment>
        <translation>正在依次训练三次运行…</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stochastic</source>
        <translation>随机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{kind} (batch size {size})</source>
        <translation>{kind}（批大小 {size}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name}: did not run: {why}</source>
        <translation>{name}：未运行：{why}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {steps} steps in {seconds} s, training loss {loss}</source>
        <translation>{name}：{steps} 步，用时 {seconds} 秒，训练损失 {loss}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(stopped: {why})</source>
        <translation>（已停止：{why}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled; what was trained is drawn.</source>
        <translation>已取消；图中显示已训练的部分。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All three start from the same weights (+).</source>
        <translation>三次运行都从相同的权重 (+) 开始。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Epochs each run trains: every run sees every training row this often</source>
        <translation>每次运行训练的轮数：每次运行看到每个训练样本的次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optimizer steps (updates) each run takes, whatever its batch size</source>
        <translation>每次运行进行的优化器步数（更新次数），与批大小无关</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Batch vs stochastic vs mini-batch gradient descent</source>
        <translation>批量、随机与小批量梯度下降对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mini-batch &amp;k:</source>
        <translation>小批量 k(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The mini-batch run&apos;s batch size (the other two use all rows and 1 row)</source>
        <translation>小批量运行的批大小（另外两次分别使用全部样本和 1 个样本）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same epochs (= examples seen)</source>
        <translation>相同轮数（= 看到的样本数相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same number of updates</source>
        <translation>相同更新次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give each run the same number of epochs, or the same number of optimizer steps</source>
        <translation>让每次运行训练相同的轮数，或相同的优化器步数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Weight x:</source>
        <translation>权重 x(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight &amp;y:</source>
        <translation>权重 y(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whose path the right-hand plot draws (one weight against the other)</source>
        <translation>右侧图绘制其路径的权重（一个权重对另一个权重）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train the three copies from the same initial weights (the run is not changed)</source>
        <translation>从相同的初始权重训练三个副本（当前运行不受影响）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop between two steps and draw what was trained</source>
        <translation>在两步之间停止，并绘制已训练的部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps done over all three runs</source>
        <translation>三次运行合计已完成的步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>each step&apos;s loss</source>
        <translation>每步的损失</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Faint lines: the loss of each step&apos;s batch (noisy for small batches); markers: the loss on the whole training set</source>
        <translation>浅色线：每一步所用批次的损失（批越小越嘈杂）；标记：整个训练集上的损失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loss against epochs</source>
        <translation>损失随轮数变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss against wall time</source>
        <translation>损失随实际用时变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path of two weights</source>
        <translation>两个权重的路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Press Run: three copies of the project train from the same initial weights with batch size all (batch), 1 (stochastic) and k (mini-batch). Faint lines: each step&apos;s batch loss; markers: the loss on the whole training set after each epoch.</source>
        <translation>按“运行”：项目的三个副本从相同的初始权重开始训练，批大小分别为全部（批量）、1（随机）和 k（小批量）。浅色线：每一步的批损失；标记：每轮结束时整个训练集上的损失。</translation>
    </message>
</context>
<context>
    <name>DoctorPanel</name>
    <message>
        <location filename="../../gui/panels/doctor_panel.py" line="+29"/>
        <source>Vanishing gradients</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exploding gradients</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saturated units</source>
        <translation>饱和单元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dead ReLUs</source>
        <translation>死亡 ReLU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate too high</source>
        <translation>学习率过高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate too low</source>
        <translation>学习率过低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symmetric weights</source>
        <translation>对称权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overfitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plateau</source>
        <translation>平台期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The gradient reaching the first layer ({first}, norm {first_norm}) is {orders} orders of magnitude smaller than at the last layer ({last}, norm {last_norm}): the first layers barely learn.</source>
        <translation>到达第一层（{first}，范数 {first_norm}）的梯度比最后一层（{last}，范数 {last_norm}）小 {orders} 个数量级：前面几层几乎学不到东西。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loss or a gradient stopped being a finite number at step {step}: training cannot go on.</source>
        <translation>在第 {step} 步，损失或某个梯度不再是有限数：训练无法继续。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gradient norm grew from {low} to {high} within the last few snapshots.</source>
        <translation>在最近几次快照中，梯度范数从 {low} 增长到 {high}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gradient at the first layer ({first}, norm {first_norm}) is {orders} orders of magnitude larger than at the last layer ({last}, norm {last_norm}).</source>
        <translation>第一层（{first}，范数 {first_norm}）的梯度比最后一层（{last}，范数 {last_norm}）大 {orders} 个数量级。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In {layers}, up to {fraction} of the outputs sit at the flat ends of the activation, where its slope, and so the gradient through it, is nearly zero.</source>
        <translation>在 {layers} 中，多达 {fraction} 的输出处于激活函数平坦的两端，那里的斜率以及经过它的梯度几乎为零。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In {layers}, up to {fraction} of the units output zero for every example of the batch: they get no gradient and stop learning.</source>
        <translation>在 {layers} 中，多达 {fraction} 的单元对批次中的每个样本都输出零：它们得不到梯度，停止学习。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loss is rising, from {best} at its best to {now}, with learning rate {lr}.</source>
        <translation>损失在上升：从最好时的 {best} 升到 {now}，学习率为 {lr}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loss jumps up and down between {low} and {high} without coming down, with learning rate {lr}.</source>
        <translation>损失在 {low} 与 {high} 之间上下跳动而没有下降，学习率为 {lr}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each step changes the weights by only {ratio} of their size (about 0.001 is usual), with learning rate {lr}: the loss will take very long to fall.</source>
        <translation>每一步只让权重改变其大小的 {ratio}（通常约为 0.001），学习率为 {lr}：损失要很久才会下降。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All units of {layers} have the same weights: they compute the same thing and get the same gradient, so they stay equal and the layer acts like a single unit.</source>
        <translation>{layers} 的所有单元权重相同：它们计算相同的东西、得到相同的梯度，因此始终相等，这一层就像只有一个单元。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The validation loss rose from {best} (step {best_step}) to {now} while the training loss kept falling ({train_best} → {train_now}): the network is memorising the training examples.</source>
        <translation>验证损失从 {best}（第 {best_step} 步）升到 {now}，而训练损失仍在下降（{train_best} → {train_now}）：网络在死记训练样本。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loss has stayed near {loss} for the last {steps} steps without falling.</source>
        <translation>在最近 {steps} 步中，损失一直停在 {loss} 附近，没有下降。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Use ReLU in the hidden layers: its slope is 1 wherever it is active.</source>
        <translation>在隐藏层使用 ReLU：它在激活处的斜率为 1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Initialise ReLU layers with He initialisation.</source>
        <translation>用 He 初始化来初始化 ReLU 层。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert batch norm between the layers.</source>
        <translation>在层之间插入批归一化。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use residual blocks, so the gradient has a short way back.</source>
        <translation>使用残差块，让梯度有一条回传的捷径。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lower the learning rate (try a tenth).</source>
        <translation>降低学习率（试试十分之一）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raise the learning rate (try ten times).</source>
        <translation>提高学习率（试试十倍）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn on gradient clipping.</source>
        <translation>开启梯度裁剪。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start from smaller weights (Xavier/Glorot initialisation).</source>
        <translation>从较小的权重开始（Xavier/Glorot 初始化）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use leaky ReLU or ELU, which keep a slope below zero.</source>
        <translation>使用 Leaky ReLU 或 ELU，它们在零以下仍保留斜率。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Let a schedule lower the learning rate as training goes on.</source>
        <translation>用学习率调度让学习率随训练逐步降低。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use Adam, which scales each step to the gradient&apos;s size.</source>
        <translation>使用 Adam，它会按梯度大小缩放每一步。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Initialise the weights randomly (not zeros or a constant).</source>
        <translation>随机初始化权重（不要用零或常数）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop early, at the best validation loss.</source>
        <translation>提前停止，停在验证损失最好的时候。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add weight decay.</source>
        <translation>加入权重衰减。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add dropout between the layers.</source>
        <translation>在层之间加入 Dropout。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train on more examples.</source>
        <translation>用更多样本训练。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use fewer or narrower hidden layers.</source>
        <translation>减少隐藏层的数量或宽度。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look at the gradient norms: do they reach the first layers?</source>
        <translation>看看梯度范数：梯度能传到前面几层吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the network more units or layers, if it cannot fit the data.</source>
        <translation>如果网络拟合不了数据，就给它更多单元或层。</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Train the network: the doctor reads each step&apos;s statistics and says here what looks wrong.</source>
        <translation>训练网络：诊断会读取每一步的统计量，并在这里指出看起来不对的地方。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems found (step {step}).</source>
        <translation>未发现问题（第 {step} 步）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>show the plot</source>
        <translation>查看图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try:</source>
        <translation>可以尝试：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Doctor</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What looks wrong with the training, from the loss and the per-layer statistics. Click a link to see the plot that shows it, or a ? to read about a remedy.</source>
        <translation>根据损失和逐层统计量指出训练中看起来不对的地方。点击链接查看显示它的图表，或点击 ? 阅读对应的补救方法。</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <location filename="../../gui/command_base.py" line="+69"/>
        <source>Edit</source>
        <extracomment>merge id; -1: never merges</extracomment>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../gui/setting_commands.py" line="+40"/>
        <source>learning rate</source>
        <extracomment>optimizer fields are all live (read by the optimizer on every step); these training options too</extracomment>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+27"/>
        <location filename="../../gui/value_commands.py" line="+92"/>
        <source>Set {name} to {value}</source>
        <extracomment>called with the value the running network had (the first redo only)</extracomment>
        <translation>将 {name} 设为 {value}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set data {name} to {value}</source>
        <translation>将数据的 {name} 设为 {value}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Set schedule {name} to {value}</source>
        <translation>将调度的 {name} 设为 {value}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Change {section}</source>
        <translation>更改 {section}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Use the {name} optimizer</source>
        <translation>使用 {name} 优化器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Use the {name} schedule</source>
        <translation>使用 {name} 学习率调度</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use the {name} loss</source>
        <translation>使用 {name} 损失函数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Use the {name} data set</source>
        <translation>使用 {name} 数据集</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set seed to {seed}</source>
        <translation>将种子设为 {seed}</translation>
    </message>
    <message>
        <location filename="../../gui/layer_commands.py" line="+46"/>
        <source>network.layers: the network needs at least one layer</source>
        <translation>network.layers：网络至少需要一层</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Set {layer} to {units} neurons</source>
        <translation>将 {layer} 设为 {units} 个神经元</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Set {layer} activation to {name}</source>
        <translation>将 {layer} 的激活函数设为 {name}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Set {layer} {what} to {name}</source>
        <translation>将 {layer} 的{what}设为 {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bias initialisation</source>
        <translation>偏置初始化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Set {layer} {key} to {value}</source>
        <translation>将 {layer} 的 {key} 设为 {value}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>dense layer</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropout</source>
        <translation>Dropout 层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch norm</source>
        <translation>批归一化层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert {what}</source>
        <translation>插入{what}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Remove {layer}</source>
        <translation>删除 {layer}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Move {layer}</source>
        <translation>移动 {layer}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wrap {layer} in a residual block</source>
        <translation>将 {layer} 包进残差块</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unwrap residual block {layer}</source>
        <translation>拆开残差块 {layer}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Change the network</source>
        <translation>更改网络</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add hidden layer</source>
        <translation>添加隐藏层</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Remove hidden layer</source>
        <translation>删除隐藏层</translation>
    </message>
</context>
<context>
    <name>EmaWindow</name>
    <message>
        <location filename="../../gui/ema_window.py" line="+241"/>
        <source>No values to average: the current run has no steps yet. Train a few steps, then choose the series again.</source>
        <translation>没有可平均的数值：当前运行还没有训练步。请先训练几步，然后重新选择序列。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} of {1} values are missing (not finite): they are drawn as gaps and the averages skip them.</source>
        <translation>{1} 个数值中有 {0} 个缺失（非有限值）：它们显示为空缺，平均值会跳过它们。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The EMA v_t = β·v_(t−1) + (1 − β)·x_t with β = {beta} averages about the last 1/(1 − β) = {n} values (the SMA averages exactly the last N). It starts from v_0 = 0, which drags the early values toward 0; bias correction v_t / (1 − β^t) fixes the start. SGD&apos;s momentum buffer with momentum = dampening = β is this EMA, started at the first value instead of 0.</source>
        <translation>指数移动平均 v_t = β·v_(t−1) + (1 − β)·x_t 在 β = {beta} 时大约平均最近 1/(1 − β) = {n} 个值（简单移动平均恰好平均最近 N 个值）。它从 v_0 = 0 开始，这会把早期的值拉向 0；偏差修正 v_t / (1 − β^t) 修正了开头。动量 = 阻尼 = β 时，SGD 的动量缓冲区就是这个指数移动平均，只是从第一个值而不是 0 开始。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Momentum as an exponentially weighted average</source>
        <translation>动量即指数加权平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Series:</source>
        <translation>序列(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random walk (like a stock price)</source>
        <translation>随机游走（类似股价）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch loss of the current run</source>
        <translation>当前运行的批损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The noisy values to average</source>
        <translation>要平均的含噪声数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The random walk&apos;s seed: the same seed gives the same walk</source>
        <translation>随机游走的种子：相同的种子给出相同的游走</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Length:</source>
        <translation>长度(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many values the random walk has</source>
        <translation>随机游走包含的数值个数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β (&amp;b):</source>
        <translation>β(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The EMA&apos;s decay: β = 0.9 averages about the last 10 values, 0.99 the last 100</source>
        <translation>指数移动平均的衰减率：β = 0.9 大约平均最近 10 个值，0.99 大约平均最近 100 个值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMA &amp;window N:</source>
        <translation>简单移动平均窗口 N(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The simple moving average&apos;s window: the mean of the last N values</source>
        <translation>简单移动平均的窗口：最近 N 个值的平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>SMA</source>
        <translation>简单移动平均</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>The simple moving average of the last N values</source>
        <translation>最近 N 个值的简单移动平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>EMA</source>
        <translation>指数移动平均</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The exponentially weighted average, started at v_0 = 0</source>
        <translation>指数加权平均，从 v_0 = 0 开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bias-corrected</source>
        <translation>偏差修正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The EMA divided by 1 − β^t: the start is no longer pulled toward 0</source>
        <translation>指数移动平均除以 1 − β^t：开头不再被拉向 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum buffer</source>
        <translation>动量缓冲区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The engine&apos;s SGD momentum buffer (momentum = dampening = β) stepped on the same values</source>
        <translation>引擎的 SGD 动量缓冲区（动量 = 阻尼 = β）在同一组数值上逐步更新的结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>series</source>
        <translation>序列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>EMA, bias-corrected</source>
        <translation>指数移动平均（偏差修正）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SGD momentum buffer</source>
        <translation>SGD 动量缓冲区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <location filename="../../gui/controller.py" line="+11"/>
        <source>The output layer has {0} neurons, but the {1} data has {2} classes: give the output layer {3} neurons.</source>
        <translation>输出层有 {0} 个神经元，但 {1} 数据有 {2} 个类别：请让输出层有 {3} 个神经元。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The output layer has {0} neurons, but the {1} data has {2} value(s) to predict: give the output layer {2} neurons.</source>
        <translation>输出层有 {0} 个神经元，但 {1} 数据有 {2} 个要预测的值：请让输出层有 {2} 个神经元。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Batch norm needs at least 2 examples per batch: choose mini-batch or batch gradient descent with a batch size of 2 or more.</source>
        <translation>批归一化每个批次至少需要 2 个样本：请选择小批量或批量梯度下降，批大小为 2 或以上。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With {0} training examples and a batch size of {1}, the last batch holds one example, which batch norm cannot normalise: change the batch size.</source>
        <translation>共有 {0} 个训练样本、批大小为 {1} 时，最后一个批次只有一个样本，批归一化无法对它归一化：请更改批大小。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Early stopping watches the validation loss, and the validation split is 0: set a validation split above 0 or turn early stopping off.</source>
        <translation>早停依据验证集损失，而验证集比例为 0：请把验证集比例设为大于 0，或关闭早停。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no data to train or validate on (the validation split leaves an empty set): change the validation split or the number of samples.</source>
        <translation>没有可用于训练或验证的数据（验证集比例使某个集合为空）：请更改验证集比例或样本数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A residual block must end with as many neurons as it starts with ({1}), but it ends with {0}: change the last layer inside the block.</source>
        <translation>残差块结束时的神经元数必须与开始时相同（{1}），但它结束时有 {0} 个：请更改块内最后一层。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read the file {0}: {1}.</source>
        <translation>无法读取文件 {0}：{1}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data file cannot be used: {0}</source>
        <translation>无法使用该数据文件：{0}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try a lower learning rate, gradient clipping (Training panel) or a smaller initialisation.</source>
        <translation>请尝试更小的学习率、梯度裁剪（训练面板）或更小的初始化。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training stopped at step {step} (epoch {epoch}): the loss became infinite or NaN (not a number); the first non-finite values are in {where}.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮）停止：损失变成了无穷大或 NaN（非数值）；最先出现非有限值的位置是 {where}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training stopped at step {step} (epoch {epoch}): {where} is too large for the {loss} loss (the loss overflowed).</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮）停止：{where} 对 {loss} 损失来说太大（损失溢出）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training stopped at step {step} (epoch {epoch}): the gradients became infinite or NaN (exploding gradients); the first non-finite values are in {where}.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮）停止：梯度变成了无穷大或 NaN（梯度爆炸）；最先出现非有限值的位置是 {where}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training stopped at step {step} (epoch {epoch}): the gradient norm overflowed (exploding gradients); the largest gradient is {where}.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮）停止：梯度范数溢出（梯度爆炸）；最大的梯度是 {where}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training stopped at step {step} (epoch {epoch}): the {optimizer} update made {where} infinite or NaN.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮）停止：{optimizer} 的更新使 {where} 变成了无穷大或 NaN。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training stopped at step {step} (epoch {epoch}): eps is 0, so the {optimizer} update of a parameter whose gradient has been 0 so far is 0 / 0 = NaN. Set the optimizer&apos;s eps to a small positive value.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮）停止：eps 为 0，因此对于梯度至今一直为 0 的参数，{optimizer} 的更新是 0 / 0 = NaN。请把优化器的 eps 设为一个小的正数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the output of {layer} ({label})</source>
        <translation>{layer}（{label}）的输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the gradient of {param}</source>
        <translation>{param} 的梯度</translation>
    </message>
</context>
<context>
    <name>EngineInfo</name>
    <message>
        <location line="+40"/>
        <source>Finished {0} epochs. Press Play to train further.</source>
        <translation>已完成 {0} 轮。按“播放”继续训练。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Early stopping at epoch {0}: the validation loss has not improved for {1} epochs (best {2} at epoch {3}); weights restored from epoch {3}</source>
        <translation>在第 {0} 轮早停：验证集损失已连续 {1} 轮没有改善（最佳 {2}，在第 {3} 轮）；权重已恢复为第 {3} 轮的值</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Early stopping at epoch {0}: the validation loss has not improved for {1} epochs (best {2} at epoch {3})</source>
        <translation>在第 {0} 轮早停：验证集损失已连续 {1} 轮没有改善（最佳 {2}，在第 {3} 轮）</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <location filename="../../gui/help/example_strings.py" line="+11"/>
        <source>Circle: a small ReLU net with momentum</source>
        <translation>圆环：带动量的小型 ReLU 网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One class inside a ring of the other. Six ReLU units are enough: each draws a straight line and together they cut out a polygon around the centre - hover the hidden neurons to see them. Trained with SGD and momentum 0.9; validation accuracy is about 99 %. Look at the dead-unit fraction of the hidden layer: a ReLU that outputs 0 for every point gets no gradient and never recovers.</source>
        <translation>一类点位于另一类点组成的圆环之内。六个 ReLU 单元就够了：每个单元画一条直线，合在一起在中心周围切出一个多边形——把鼠标悬停在隐藏层神经元上就能看到它们。使用 SGD 和 0.9 的动量训练；验证准确率约为 99%。看看隐藏层的死亡单元比例：对每个点都输出 0 的 ReLU 得不到梯度，再也不会恢复。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Same depth, learns: ReLU, He initialisation and batch norm</source>
        <translation>同样的深度，能学会：ReLU、He 初始化和批量归一化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same data, depth, optimizer and learning rate as vanishing_sigmoid, but ReLU activations (slope 1 where active), He-normal initialisation (keeps the signal&apos;s variance from layer to layer) and batch normalisation after every hidden layer. The per-layer gradient norms now stay within a factor of about ten of each other, and validation accuracy reaches about 99 %.</source>
        <translation>数据、深度、优化器和学习率都与 vanishing_sigmoid 相同，但使用 ReLU 激活函数（激活时斜率为 1）、He-normal 初始化（让信号的方差在层与层之间保持不变），并在每个隐藏层之后加入批量归一化。现在各层的梯度范数彼此相差在十倍左右以内，验证准确率达到约 99%。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Same depth, learns: residual blocks</source>
        <translation>同样的深度，能学会：残差块</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ten dense layers again (one in front, two in each of four residual blocks, one output), trained like vanishing_sigmoid. Each block adds its input to its output (y = x + f(x)), so on the way back the gradient has a path that skips the block unchanged: the first layer&apos;s gradient norm is of the same order as the last layer&apos;s. The second layer of each block starts small (gain 0.5) so that adding blocks does not blow the signal up. Validation accuracy reaches 100 %.</source>
        <translation>又是十个全连接层（前面一个，四个残差块中各两个，一个输出层），训练方式与 vanishing_sigmoid 相同。每个块把输入加到输出上（y = x + f(x)），所以反向传播时梯度有一条绕过该块、保持不变的路径：第一层的梯度范数与最后一层处于同一数量级。每个块的第二层初始值较小（增益 0.5），这样增加块时信号不会被放大到爆炸。验证准确率达到 100%。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Regression on real data: diabetes progression</source>
        <translation>真实数据上的回归：糖尿病病情进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scikit-learn&apos;s diabetes data: 10 measurements of 442 patients and a disease-progression score one year later (roughly 25 to 346). The targets are not scaled, so the MSE is in squared score units: predicting the mean gives about 6300 on the validation set, linear regression about 3700, and this small ReLU network about 3800. Real data is noisy - no network gets close to zero here. Watch the predicted-vs-true plot.</source>
        <translation>scikit-learn 的糖尿病数据集：442 名患者的 10 项测量值，以及一年后的病情进展评分（大约 25 到 346）。目标值没有缩放，所以 MSE 的单位是评分的平方：在验证集上，预测均值得到约 6300，线性回归约 3700，这个小型 ReLU 网络约 3800。真实数据有噪声——在这里没有哪个网络能接近零。观察预测值与真实值的对比图。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Handwritten digits (8x8)</source>
        <translation>手写数字（8x8）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scikit-learn&apos;s 1797 images of handwritten digits, 8x8 pixels = 64 inputs, 10 classes. One hidden layer of 64 ReLU units with a little dropout reaches about 97 % validation accuracy in 20 epochs. Look at the confusion matrix to see which digits get mixed up, and at the update-to-weight ratio per layer (about 1e-3 is healthy).</source>
        <translation>scikit-learn 的 1797 张手写数字图像，8x8 像素 = 64 个输入，10 个类别。一个由 64 个 ReLU 单元组成的隐藏层，加上少量 Dropout，在 20 个轮次内达到约 97% 的验证准确率。看看混淆矩阵，了解哪些数字容易混淆；再看看各层的更新量与权重之比（约 1e-3 是健康的）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exploding: weights initialised far too large</source>
        <translation>梯度爆炸：权重初始化得过大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Six ReLU layers whose weights are drawn with standard deviation 3 instead of He&apos;s 0.35 for 16 inputs. Each layer multiplies the signal by about 8, so the output starts around 1e6 and the first loss is about 1e12; the gradients are as huge, and the first SGD steps throw the weights so far that the loss becomes NaN at step 3. Training stops with a message naming the step and the first layer whose output is no longer finite. Fix it: use he_normal (or normal with std 0.3), lower the learning rate, or turn on gradient clipping.</source>
        <translation>六个 ReLU 层，权重按标准差 3 抽取，而不是 He 初始化对 16 个输入给出的 0.35。每一层大约把信号放大 8 倍，所以输出一开始就在 1e6 左右，第一个损失约为 1e12；梯度同样巨大，最初几步 SGD 把权重抛得太远，损失在第 3 步变成 NaN。训练随之停止，并给出一条消息，指出出错的步数以及第一个输出不再是有限值的层。修正方法：使用 he_normal（或 std 为 0.3 的 normal），降低学习率，或打开梯度裁剪。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A real-shaped CSV: house prices</source>
        <translation>真实形态的 CSV：房价</translation>
    </message>
    <message>
        <source>A generated file shaped like Kaggle&apos;s house-prices training set: 300 houses, an Id column (ignored), 36 numeric and 43 categorical columns with &quot;NA&quot; strings and missing numbers, and the sale price to predict. Categorical columns are one-hot encoded (&quot;Neighborhood=OldTown&quot;), missing numbers take the column&apos;s median and the price is standardised for training: the loss is in units of the price&apos;s standard deviation, so predicting the mean scores about 1. With over 200 inputs and 240 training rows the network needs weight decay and dropout not to overfit. File -&gt; Import CSV... shows the choices.</source>
        <translation type="vanished">一个生成的文件，形状与一个著名房价竞赛的训练集相同：300 套房子，一个编号列（忽略），36 个数值列和 43 个类别列，含有表示“无”的字符串和缺失的数，以及要预测的售价。类别列经过独热编码（例如每个街区一个输入），缺失的数取该列的中位数，价格在训练时被标准化：损失以价格的标准差为单位，所以预测均值的得分约为 1。有 200 多个输入而只有 240 行训练数据，网络需要权重衰减和 Dropout 才不会过拟合。文件 -&gt; 导入 CSV... 显示这些选择。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A generated file shaped like Kaggle&apos;s house-prices training set: 300 houses, an Id column (ignored), 36 numeric and 43 categorical columns with &quot;NA&quot; strings and missing numbers, and the sale price to predict. Categorical columns are one-hot encoded (&quot;Neighborhood=OldTown&quot;), missing numbers take the column&apos;s median and the network trains on the standardised price, while the loss plot, the read-out and Predicted vs true show the price&apos;s own units (the mean squared error in squared dollars: predicting the mean scores the price&apos;s variance). With over 200 inputs and 240 training rows the network needs weight decay and dropout not to overfit. File -&gt; Import CSV... shows the choices.</source>
        <translation>一个生成的文件，形状与一个著名房价竞赛的训练集相同：300 套房子，一个编号列（忽略），36 个数值列和 43 个类别列，含有表示“无”的字符串和缺失的数，以及要预测的售价。类别列经过独热编码（例如每个街区一个输入），缺失的数取该列的中位数；网络在标准化后的价格上训练，而损失曲线、读数和“预测值与真实值”显示的是价格本身的单位（均方误差以美元的平方计：预测均值的得分就是价格的方差）。有 200 多个输入而只有 240 行训练数据，网络需要权重衰减和 Dropout 才不会过拟合。文件 -&gt; 导入 CSV... 显示这些选择。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Iris flowers</source>
        <translation>鸢尾花</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The classic 150 flowers, 4 measurements, 3 species. A tiny network (8 tanh units) trained with SGD and momentum gets about 95 % of the held-out flowers right. Setosa is easy; versicolor and virginica overlap a little - the confusion matrix shows where the mistakes are.</source>
        <translation>经典的 150 朵花，4 项测量值，3 个品种。一个很小的网络（8 个 tanh 单元），用带动量的 SGD 训练，能正确分类约 95% 的留出样本。山鸢尾（setosa）很容易区分；变色鸢尾（versicolor）和维吉尼亚鸢尾（virginica）有少许重叠——混淆矩阵显示了错误出在哪里。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>MNIST-shaped digits: 784-16-16-10</source>
        <translation>MNIST 形状的手写数字：784-16-16-10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3Blue1Brown&apos;s network: 28x28 = 784 pixel inputs, two hidden layers of 16 sigmoid units, one output per digit. The pictures are scikit-learn&apos;s digits upscaled to 28x28 in MNIST-format IDX files (written by scripts/make_mnist_like.py). Each first-layer neuron shows its 784 weights as a picture (hover one to enlarge it); the Images tab shows samples and the misclassified digits. About 95 % validation accuracy in 20 epochs.</source>
        <translation>3B1B 神经网络课程中的网络：28x28 = 784 个像素输入，两个各有 16 个 sigmoid 单元的隐藏层，每个数字一个输出。图片是 scikit-learn 的手写数字放大到 28x28，存为 MNIST 格式的 IDX 文件（由项目附带的脚本生成）。第一层的每个神经元把它的 784 个权重显示为一幅图片（悬停可放大）；“图像”标签页显示样本和被错误分类的数字。20 个轮次后验证准确率约 95 %。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Two moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two interlocking half-circles with some noise. Two ReLU layers and Adam separate them within a few epochs. Raise data.noise to 0.3 and watch the validation loss rise above the training loss: the network starts to fit the noise (overfitting); dropout or weight decay helps.</source>
        <translation>两个相互交错、带有一些噪声的半圆。两个 ReLU 层加 Adam 在几个轮次内就能把它们分开。把 data.noise 提高到 0.3，观察验证损失升到训练损失之上：网络开始拟合噪声（过拟合）；Dropout 或权重衰减会有帮助。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Regression: fit a noisy sine wave</source>
        <translation>回归：拟合带噪声的正弦波</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>300 noisy samples of y = sin(x) on [-pi, pi]; the network has one linear output and the loss is the mean squared error. Watch the fitted curve: first a straight line, then it bends to follow the wave. The noise has standard deviation 0.1, so a validation MSE near 0.01 means the network found the sine and not the noise.</source>
        <translation>在 [-pi, pi] 上对 y = sin(x) 取 300 个带噪声的样本；网络有一个线性输出，损失是均方误差。观察拟合曲线：先是一条直线，然后弯曲起来跟随波形。噪声的标准差为 0.1，所以验证 MSE 接近 0.01 意味着网络找到的是正弦曲线，而不是噪声。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Three interleaved spirals</source>
        <translation>三条交错的螺旋</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Three classes wound around each other: a hard, curved boundary. Two hidden layers of 32 tanh units with a softmax output and cross-entropy loss learn it to about 97 % validation accuracy. Watch the boundary: first three wedges, then the arms curl as training goes on. Try 4 units per layer (underfits) or remove a layer.</source>
        <translation>三个相互缠绕的类别：一条困难的弯曲边界。两个各有 32 个 tanh 单元的隐藏层，配合 softmax 输出和交叉熵损失，能学到约 97% 的验证准确率。观察边界：起初是三个楔形，随着训练进行，螺旋臂逐渐卷曲起来。试试每层 4 个单元（欠拟合），或者去掉一层。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Vanishing gradients: a deep sigmoid network</source>
        <translation>梯度消失：深层 sigmoid 网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nine hidden sigmoid layers of 16 units (Xavier-normal initialisation) trained with plain SGD. The sigmoid&apos;s slope is at most 0.25, so every layer the gradient passes through on its way back shrinks it: look at the per-layer gradient norms and histograms - the first layer&apos;s gradients are about 1e-7, four to five orders of magnitude smaller than the last layer&apos;s (1e-3 to 1e-1). The first layers barely move, and the accuracy stays near 50 % (chance). Compare with deep_relu_batchnorm and deep_residual, which have the same depth and learn.</source>
        <translation>九个各有 16 个单元的 sigmoid 隐藏层（Xavier-normal 初始化），用普通 SGD 训练。sigmoid 的斜率最大为 0.25，所以梯度在反向传播途中每经过一层都会缩小：看看各层的梯度范数和直方图——第一层的梯度约为 1e-7，比最后一层（1e-3 到 1e-1）小四到五个数量级。最前面的几层几乎不动，准确率停留在 50% 左右（随机水平）。与 deep_relu_batchnorm 和 deep_residual 比较，它们深度相同，却能学会。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Worked example: one backpropagation step by hand (2-2-1 sigmoid)</source>
        <translation>例题：手算一步反向传播（2-2-1 sigmoid 网络）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The textbook exercise, with the engine&apos;s own numbers. Input x = [0.1, 0.8], target t = 0.5; first-layer weights W1 = [[1, 2], [0, 1]], second-layer weights W2 = [[1, 2]], all biases 0; sigmoid units; loss L = ½(y − t)² (mse, half, reduction sum); SGD with learning rate 0.01, one example per step. Forward: z1 = W1·x = [1.7, 0.8], a1 = σ(z1) = [0.8455, 0.6900], z2 = 2.2255, y = σ(z2) = 0.9025, L = 0.0810. Backward: ∂L/∂y = y − t = 0.4025, ∂L/∂z2 = 0.4025 · σ&apos;(z2) = 0.03541, ∂L/∂W2 = [0.02994, 0.02443], ∂L/∂W1 = [[0.000463, 0.003700], [0.001515, 0.012121]]. Open Inspect → Step Through Backpropagation (Ctrl+B) to walk the graph forward and backward, then press Step once and hover the weight lines: W1[0][0] is now 1 − 0.01 · 0.000463 = 0.9999954. Double-click a weight line or a neuron to type another weight or bias and work the exercise again.</source>
        <translation>教科书上的练习题，用的是引擎自己算出的数。输入 x = [0.1, 0.8]，目标 t = 0.5；第一层权重 W1 = [[1, 2], [0, 1]]，第二层权重 W2 = [[1, 2]]，偏置全为 0；sigmoid 单元；损失 L = ½(y − t)²（mse，带 ½ 系数，按求和归约）；SGD，学习率 0.01，每步一个样本。前向：z1 = W1·x = [1.7, 0.8]，a1 = σ(z1) = [0.8455, 0.6900]，z2 = 2.2255，y = σ(z2) = 0.9025，L = 0.0810。反向：∂L/∂y = y − t = 0.4025，∂L/∂z2 = 0.4025 · σ&apos;(z2) = 0.03541，∂L/∂W2 = [0.02994, 0.02443]，∂L/∂W1 = [[0.000463, 0.003700], [0.001515, 0.012121]]。打开 检查 → 逐步查看反向传播（Ctrl+B），沿计算图向前、向后逐个节点走一遍；然后按一次「单步」，把鼠标停在权重连线上：W1[0][0] 现在是 1 − 0.01 · 0.000463 = 0.9999954。双击权重连线或神经元可以输入别的权重或偏置，再把这道题做一遍。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>y = σ(w·x + b) with x = 1, w = 0.5, b = 0.5 and target t = 1; loss L = ½(y − t)²; SGD with learning rate 0.1. Forward: z = w·x + b = 1, y = σ(1) = 0.7311. The chain rule: ∂y/∂w = σ&apos;(z)·x = σ(1)·(1 − σ(1)) = 0.1966, and ∂L/∂w = (y − t)·∂y/∂w = (−0.2689)·0.1966 = −0.05288 (∂L/∂b is the same, since ∂z/∂b = 1). Open Inspect → Step Through Backpropagation (Ctrl+B) to see each local derivative times the upstream gradient, then press Step once: w and b both become 0.5 + 0.1·0.05288 = 0.50529 (hover the weight line and the neuron). Double-click them to type other values.</source>
        <translation>y = σ(w·x + b)，其中 x = 1，w = 0.5，b = 0.5，目标 t = 1；损失 L = ½(y − t)²；SGD，学习率 0.1。前向：z = w·x + b = 1，y = σ(1) = 0.7311。链式法则：∂y/∂w = σ&apos;(z)·x = σ(1)·(1 − σ(1)) = 0.1966，∂L/∂w = (y − t)·∂y/∂w = (−0.2689)·0.1966 = −0.05288（∂L/∂b 与之相同，因为 ∂z/∂b = 1）。打开 检查 → 逐步查看反向传播（Ctrl+B），看每个局部导数如何乘以上游梯度；然后按一次「单步」：w 和 b 都变成 0.5 + 0.1·0.05288 = 0.50529（把鼠标停在权重连线和神经元上查看）。双击它们可以输入别的值。</translation>
    </message>
    <message>
        <source>The textbook exercise, with the engine&apos;s own numbers. Input x = [0.1, 0.8], target t = 0.5; first-layer weights W1 = [[1, 2], [0, 1]], second-layer weights W2 = [[1, 2]], all biases 0; sigmoid units; loss L = ½(y − t)² (mse, half, reduction sum); SGD with learning rate 0.01, one example per step. Forward: z1 = W1·x = [1.7, 0.8], a1 = σ(z1) = [0.8455, 0.6900], z2 = 2.2255, y = σ(z2) = 0.9025, L = 0.0810. Backward: ∂L/∂y = y − t = 0.4025, ∂L/∂z2 = 0.4025 · σ&apos;(z2) = 0.03541, ∂L/∂W2 = [0.02994, 0.02443], ∂L/∂W1 = [[0.000463, 0.003700], [0.001515, 0.012121]]. Open Inspect → Step through to walk the graph forward and backward, then press Step once and hover the weight lines: W1[0][0] is now 1 − 0.01 · 0.000463 = 0.9999954. Double-click a weight line or a neuron to type another weight or bias and work the exercise again.</source>
        <translation type="vanished">教科书上的练习题，用的是引擎自己算出的数。输入 x = [0.1, 0.8]，目标 t = 0.5；第一层权重 W1 = [[1, 2], [0, 1]]，第二层权重 W2 = [[1, 2]]，偏置全为 0；sigmoid 单元；损失 L = ½(y − t)²（mse，带 ½ 系数，按求和归约）；SGD，学习率 0.01，每步一个样本。前向：z1 = W1·x = [1.7, 0.8]，a1 = σ(z1) = [0.8455, 0.6900]，z2 = 2.2255，y = σ(z2) = 0.9025，L = 0.0810。反向：∂L/∂y = y − t = 0.4025，∂L/∂z2 = 0.4025 · σ&apos;(z2) = 0.03541，∂L/∂W2 = [0.02994, 0.02443]，∂L/∂W1 = [[0.000463, 0.003700], [0.001515, 0.012121]]。打开 检查 → 逐步演示，沿计算图向前、向后逐个节点走一遍；然后按一次「单步」，把鼠标停在权重连线上：W1[0][0] 现在是 1 − 0.01 · 0.000463 = 0.9999954。双击权重连线或神经元可以输入别的权重或偏置，再把这道题做一遍。</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Worked example: the chain rule in one sigmoid neuron</source>
        <translation>例题：一个 sigmoid 神经元里的链式法则</translation>
    </message>
    <message>
        <source>y = σ(w·x + b) with x = 1, w = 0.5, b = 0.5 and target t = 1; loss L = ½(y − t)²; SGD with learning rate 0.1. Forward: z = w·x + b = 1, y = σ(1) = 0.7311. The chain rule: ∂y/∂w = σ&apos;(z)·x = σ(1)·(1 − σ(1)) = 0.1966, and ∂L/∂w = (y − t)·∂y/∂w = (−0.2689)·0.1966 = −0.05288 (∂L/∂b is the same, since ∂z/∂b = 1). Open Inspect → Step through to see each local derivative times the upstream gradient, then press Step once: w and b both become 0.5 + 0.1·0.05288 = 0.50529 (hover the weight line and the neuron). Double-click them to type other values.</source>
        <translation type="vanished">y = σ(w·x + b)，其中 x = 1，w = 0.5，b = 0.5，目标 t = 1；损失 L = ½(y − t)²；SGD，学习率 0.1。前向：z = w·x + b = 1，y = σ(1) = 0.7311。链式法则：∂y/∂w = σ&apos;(z)·x = σ(1)·(1 − σ(1)) = 0.1966，∂L/∂w = (y − t)·∂y/∂w = (−0.2689)·0.1966 = −0.05288（∂L/∂b 与之相同，因为 ∂z/∂b = 1）。打开 检查 → 逐步演示，看每个局部导数如何乘以上游梯度；然后按一次「单步」：w 和 b 都变成 0.5 + 0.1·0.05288 = 0.50529（把鼠标停在权重连线和神经元上查看）。双击它们可以输入别的值。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>XOR: the problem one neuron cannot solve</source>
        <translation>XOR：一个神经元解决不了的问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points in the four quarters of the plane; opposite quarters share a class. No single straight line separates the classes, so a network without a hidden layer cannot learn this. Four tanh units in one hidden layer can: watch the decision boundary bend into a cross, and hover the hidden neurons to see the lines each one draws. Training accuracy reaches 100 %. Try removing the hidden layer and see the loss get stuck near 0.69 (log 2).</source>
        <translation>点分布在平面的四个象限中；相对的两个象限属于同一类。没有一条直线能把两类分开，所以没有隐藏层的网络学不会它。一个隐藏层中的四个 tanh 单元就可以：观察决策边界弯成一个十字，把鼠标悬停在隐藏层神经元上，看每个神经元画出的直线。训练准确率达到 100%。试着去掉隐藏层，看损失卡在 0.69（log 2）附近。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>XOR with a feature cross: no hidden layer needed</source>
        <translation>带特征交叉的 XOR：不需要隐藏层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same XOR data, but the inputs are x1, x2 and the product x1*x2 (data.features). The product is positive exactly for one class, so a single sigmoid neuron (logistic regression) separates the classes. Compare with the XOR example: good features can replace hidden layers. Look at the weights: the one on x1*x2 grows, the others stay small.</source>
        <translation>同样的 XOR 数据，但输入是 x1、x2 和乘积 x1*x2（data.features）。乘积恰好对其中一类为正，所以单个 sigmoid 神经元（逻辑回归）就能把两类分开。与 XOR 示例比较：好的特征可以代替隐藏层。看看权重：x1*x2 上的权重不断增大，其他权重保持很小。</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <location filename="../../gui/explanations.py" line="+19"/>
        <source>How the losses of the examples in a batch become one number (PyTorch&apos;s reduction): mean averages them, so the step size does not depend on the batch size; sum adds them, as many course formulas do (L = Σ …), so the gradient grows with the batch.</source>
        <translation>一个批次中各样本的损失如何合成一个数（即归约方式）：取平均时，步长与批大小无关；求和时把它们相加，许多课程公式就是这样写的（L = Σ …），因此梯度随批大小增大。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use ½·(y − t)² instead of (y − t)²: the 2 of the derivative cancels, ∂L/∂y = y − t. Many textbooks and worked examples write the squared error this way.</source>
        <translation>用 ½·(y − t)² 代替 (y − t)²：求导得到的 2 被约掉，∂L/∂y = y − t。许多教科书和例题都这样写平方误差。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate η: the size of each step downhill, w ← w − η·g. Too small: slow; too large: the loss jumps or diverges.</source>
        <translation>学习率 η：每一步下坡的步长，w ← w − η·g。太小：收敛慢；太大：损失跳动甚至发散。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weight decay λ (L2): adds λ·w to the gradient, g ← g + λ·w, pulling weights towards zero; 0 turns it off.</source>
        <translation>权重衰减 λ（L2）：在梯度上加上 λ·w，g ← g + λ·w，把权重拉向零；0 表示关闭。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decoupled weight decay λ: each step shrinks the weights directly, w ← w − η·λ·w, apart from the Adam step; 0.01 by default.</source>
        <translation>解耦权重衰减 λ：每一步在 Adam 更新之外直接缩小权重，w ← w − η·λ·w；默认 0.01。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Momentum β: keeps a running direction v ← β·v + (1 − dampening)·g and steps along it; 0 is plain gradient descent, 0.9 is usual.</source>
        <translation>动量 β：保持一个累积方向 v ← β·v + (1 − dampening)·g 并沿它前进；0 即普通梯度下降，常用 0.9。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dampening: scales the new gradient in v ← β·v + (1 − dampening)·g. Dampening = momentum gives the exponentially weighted average (EMA) form.</source>
        <translation>阻尼（dampening）：缩放 v ← β·v + (1 − dampening)·g 中的新梯度。阻尼 = 动量时即为指数加权平均（EMA）形式。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nesterov momentum: step along g + β·v, looking ahead along the running direction; needs momentum &gt; 0 and dampening 0.</source>
        <translation>Nesterov 动量：沿 g + β·v 前进，即沿累积方向向前看一步；需要动量 &gt; 0 且阻尼为 0。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Learning-rate decay: step t uses η / (1 + (t − 1)·decay); 0 keeps η fixed.</source>
        <translation>学习率衰减：第 t 步使用 η / (1 + (t − 1)·decay)；0 表示 η 保持不变。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting value of the sum of squared gradients G (G ← G + g²); above 0 makes the first steps smaller.</source>
        <translation>梯度平方和 G 的初始值（G ← G + g²）；大于 0 会让最初几步更小。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ε: added to √G to avoid dividing by zero; 1e-10 by default.</source>
        <translation>ε：加到 √G 上以避免除以零；默认 1e-10。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smoothing α of the running average of squared gradients, s ← α·s + (1 − α)·g²; 0.99 by default.</source>
        <translation>梯度平方滑动平均的平滑系数 α，s ← α·s + (1 − α)·g²；默认 0.99。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ε: added to √s to avoid dividing by zero; 1e-8 by default.</source>
        <translation>ε：加到 √s 上以避免除以零；默认 1e-8。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum on top of RMSProp: b ← β·b + g/(√s + ε), w ← w − η·b; 0 turns it off.</source>
        <translation>RMSProp 之上的动量：b ← β·b + g/(√s + ε)，w ← w − η·b；0 表示关闭。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Centred RMSProp: divides by an estimate of the gradient&apos;s variance, √(s − m²), instead of √s.</source>
        <translation>中心化 RMSProp：除以梯度方差的估计 √(s − m²)，而不是 √s。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>β₁, β₂: how slowly the averages of g (m ← β₁·m + (1 − β₁)·g) and of g² (v ← β₂·v + (1 − β₂)·g²) forget; 0.9 and 0.999 by default.</source>
        <translation>β₁、β₂：g 的平均（m ← β₁·m + (1 − β₁)·g）和 g² 的平均（v ← β₂·v + (1 − β₂)·g²）遗忘得有多慢；默认 0.9 和 0.999。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ε: added to √v̂ to avoid dividing by zero; 1e-8 by default.</source>
        <translation>ε：加到 √v̂ 上以避免除以零；默认 1e-8。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AMSGrad: divide by the largest v̂ seen so far, so the step never grows back.</source>
        <translation>AMSGrad：除以迄今为止最大的 v̂，使步长不会重新变大。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every this many epochs the learning rate is multiplied by γ.</source>
        <translation>每隔这么多轮，学习率乘以 γ。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>γ: the factor the learning rate is multiplied by at each step; 0.1 divides it by ten.</source>
        <translation>γ：每次学习率所乘的因子；0.1 即除以十。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>γ: every epoch, η ← γ·η; 0.95 loses 5% per epoch.</source>
        <translation>γ：每一轮 η ← γ·η；0.95 即每轮减少 5%。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs of one half cosine from η down to η_min; auto: the number of epochs.</source>
        <translation>学习率沿半个余弦从 η 降到 η_min 所用的轮数；auto：等于训练轮数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>η_min: the smallest learning rate, reached after T_max epochs.</source>
        <translation>η_min：最小的学习率，在 T_max 轮后达到。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of neurons in this layer (its output width).</source>
        <translation>这一层的神经元个数（即输出宽度）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whether each neuron adds a learned bias b: y = W·x + b.</source>
        <translation>每个神经元是否加上一个可学习的偏置 b：y = W·x + b。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout rate p: while training, each value is set to zero with probability p and the rest are scaled by 1/(1 − p); off when evaluating.</source>
        <translation>Dropout 比率 p：训练时每个值以概率 p 置为零，其余的乘以 1/(1 − p)；评估时不起作用。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How fast the running mean and variance used for evaluation follow each batch: r ← (1 − m)·r + m·batch; 0.1 by default.</source>
        <translation>评估时使用的滑动均值和方差跟随每个批次的快慢：r ← (1 − m)·r + m·batch；默认 0.1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ε: added to the batch variance before the square root, (x − μ)/√(σ² + ε); 1e-5 by default.</source>
        <translation>ε：开平方前加到批次方差上，(x − μ)/√(σ² + ε)；默认 1e-5。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Slope for negative inputs: f(x) = x if x &gt; 0, else slope·x.</source>
        <translation>负输入的斜率：x &gt; 0 时 f(x) = x，否则为 slope·x。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting value of the learned negative slope a: f(x) = x if x &gt; 0, else a·x.</source>
        <translation>可学习的负斜率 a 的初始值：x &gt; 0 时 f(x) = x，否则为 a·x。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>α: f(x) = x if x &gt; 0, else α·(eˣ − 1).</source>
        <translation>α：x &gt; 0 时 f(x) = x，否则为 α·(eˣ − 1)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none: exact x·Φ(x); tanh: the faster tanh approximation.</source>
        <translation>none：精确的 x·Φ(x)；tanh：更快的 tanh 近似。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β: f(x) = log(1 + e^(βx)) / β; larger β is closer to ReLU.</source>
        <translation>β：f(x) = log(1 + e^(βx)) / β；β 越大越接近 ReLU。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Above β·x &gt; threshold the output is x itself (avoids overflow).</source>
        <translation>当 β·x &gt; threshold 时输出就是 x 本身（避免溢出）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every weight starts at this value.</source>
        <translation>每个权重都从这个值开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights start uniformly in [−a, a].</source>
        <translation>权重从 [−a, a] 上的均匀分布开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation of the normal distribution the weights start from.</source>
        <translation>权重初始正态分布的标准差。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mean of the normal distribution the weights start from.</source>
        <translation>权重初始正态分布的均值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiplies the scale of the starting weights (Glorot: √(2/(fan_in + fan_out))).</source>
        <translation>乘在初始权重的尺度上（Glorot：√(2/(fan_in + fan_out))）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slope of the leaky ReLU this He initialisation is for; 0 for ReLU.</source>
        <translation>这个 He 初始化所对应的 Leaky ReLU 的斜率；ReLU 为 0。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fan_in keeps the forward signal&apos;s variance; fan_out keeps the backward gradient&apos;s.</source>
        <translation>fan_in 保持前向信号的方差；fan_out 保持反向梯度的方差。</translation>
    </message>
</context>
<context>
    <name>FeatureInputs</name>
    <message>
        <location filename="../../gui/feature_inputs.py" line="+99"/>
        <source>Input feature {name} (data.features: &quot;{key}&quot;): on; the picture shows it over the input plane (blue high, orange low).
Click to switch it off: the first layer is made again without it.</source>
        <translation>输入特征 {name}（data.features: &quot;{key}&quot;）：已开启；图片显示它在输入平面上的取值（蓝色高，橙色低）。
单击关闭它：第一层将不含它重新生成。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Input feature {name} (data.features: &quot;{key}&quot;): off, the network does not see it.
Click to switch it on: the first layer is made again with one more input.</source>
        <translation>输入特征 {name}（data.features: &quot;{key}&quot;）：已关闭，网络看不到它。
单击开启它：第一层将多一个输入重新生成。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>At least one input feature must stay on: switch another feature on first.</source>
        <translation>至少要保留一个输入特征：请先开启另一个特征。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Switch input feature {name} on</source>
        <translation>开启输入特征 {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch input feature {name} off</source>
        <translation>关闭输入特征 {name}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../gui/file_actions.py" line="+35"/>
        <source>the file is nested too deeply to be a project</source>
        <translation>文件嵌套太深，不可能是项目文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file is too large to read</source>
        <translation>文件太大，无法读取</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this file cannot be used ({detail})</source>
        <translation>无法使用此文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../gui/export_actions.py" line="+126"/>
        <location filename="../../gui/file_actions.py" line="+10"/>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/file_actions.py" line="+45"/>
        <source>Cannot open example</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>not a project this version can read ({detail})</source>
        <translation>不是此版本能读取的项目（{detail}）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the project cannot be built ({detail})</source>
        <translation>无法构建该项目（{detail}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Projects (*.json)</source>
        <translation>项目 (*.json)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Training process</source>
        <translation>训练进程</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>NumPy weights (*.npz)</source>
        <translation>NumPy 权重 (*.npz)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Load weights</source>
        <translation>载入权重</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot load weights</source>
        <translation>无法载入权重</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not a weights file this version can read ({detail})</source>
        <translation>不是此版本能读取的权重文件（{detail}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loaded weights from {path}</source>
        <translation>已从 {path} 载入权重</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>these weights do not fit the network ({detail})</source>
        <translation>这些权重与网络不匹配（{detail}）</translation>
    </message>
    <message>
        <location filename="../../gui/export_actions.py" line="-100"/>
        <source>Export history</source>
        <translation>导出历史记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export {name}</source>
        <translation>导出 {name}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export all results into a folder</source>
        <translation>把所有结果导出到一个文件夹</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export model as ONNX</source>
        <translation>将模型导出为 ONNX</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ONNX model (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export model as PyTorch code</source>
        <translation>将模型导出为 PyTorch 代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Python script (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot export the model</source>
        <translation>无法导出模型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write</source>
        <translation>无法写入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} (.{fmt})…</source>
        <translation>{label} (.{fmt})…</translation>
    </message>
    <message>
        <location filename="../../gui/file_actions.py" line="+16"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project has unsaved changes. Save them first?</source>
        <translation>项目有未保存的更改。先保存吗？</translation>
    </message>
    <message>
        <location filename="../../gui/recovery.py" line="+71"/>
        <source>Restore unsaved project?</source>
        <translation>恢复未保存的项目？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backprop Lab did not close normally last time. Restore the unsaved project{name}?</source>
        <translation>Backprop Lab 上次没有正常关闭。要恢复未保存的项目{name}吗？</translation>
    </message>
</context>
<context>
    <name>Glossary</name>
    <message>
        <location filename="../../gui/help/glossary.py" line="+82"/>
        <source>Forward propagation</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a&lt;sup&gt;(0)&lt;/sup&gt; = x&lt;br&gt;z&lt;sup&gt;(l)&lt;/sup&gt; = W&lt;sup&gt;(l)&lt;/sup&gt; a&lt;sup&gt;(l−1)&lt;/sup&gt; + b&lt;sup&gt;(l)&lt;/sup&gt;&lt;br&gt;a&lt;sup&gt;(l)&lt;/sup&gt; = f(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;ŷ = a&lt;sup&gt;(L)&lt;/sup&gt;</source>
        <translation>a&lt;sup&gt;(0)&lt;/sup&gt; = x&lt;br&gt;z&lt;sup&gt;(l)&lt;/sup&gt; = W&lt;sup&gt;(l)&lt;/sup&gt; a&lt;sup&gt;(l−1)&lt;/sup&gt; + b&lt;sup&gt;(l)&lt;/sup&gt;&lt;br&gt;a&lt;sup&gt;(l)&lt;/sup&gt; = f(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;ŷ = a&lt;sup&gt;(L)&lt;/sup&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>x is the input, W&lt;sup&gt;(l)&lt;/sup&gt; and b&lt;sup&gt;(l)&lt;/sup&gt; the weights and biases of layer l, f its activation function and L the number of layers.</source>
        <translation>x 是输入，W&lt;sup&gt;(l)&lt;/sup&gt; 和 b&lt;sup&gt;(l)&lt;/sup&gt; 是第 l 层的权重和偏置，f 是该层的激活函数，L 是层数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The input flows through the network one layer at a time: each neuron takes a weighted sum of the layer before, adds its bias and passes the result through its activation. Hover a hidden neuron to see what it computes for every point of the plane.</source>
        <translation>输入逐层流过网络：每个神经元对前一层的输出求加权和，加上自己的偏置，再经过激活函数。把鼠标悬停在一个隐藏层神经元上，就能看到它对平面上每个点算出的值。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>δ&lt;sup&gt;(L)&lt;/sup&gt; = ∂L/∂z&lt;sup&gt;(L)&lt;/sup&gt;&lt;br&gt;δ&lt;sup&gt;(l)&lt;/sup&gt; = (W&lt;sup&gt;(l+1)&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt; δ&lt;sup&gt;(l+1)&lt;/sup&gt; ⊙ f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;∂L/∂W&lt;sup&gt;(l)&lt;/sup&gt; = δ&lt;sup&gt;(l)&lt;/sup&gt; (a&lt;sup&gt;(l−1)&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt;,&amp;nbsp;&amp;nbsp; ∂L/∂b&lt;sup&gt;(l)&lt;/sup&gt; = δ&lt;sup&gt;(l)&lt;/sup&gt;</source>
        <translation>δ&lt;sup&gt;(L)&lt;/sup&gt; = ∂L/∂z&lt;sup&gt;(L)&lt;/sup&gt;&lt;br&gt;δ&lt;sup&gt;(l)&lt;/sup&gt; = (W&lt;sup&gt;(l+1)&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt; δ&lt;sup&gt;(l+1)&lt;/sup&gt; ⊙ f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;∂L/∂W&lt;sup&gt;(l)&lt;/sup&gt; = δ&lt;sup&gt;(l)&lt;/sup&gt; (a&lt;sup&gt;(l−1)&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt;,&amp;nbsp;&amp;nbsp; ∂L/∂b&lt;sup&gt;(l)&lt;/sup&gt; = δ&lt;sup&gt;(l)&lt;/sup&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>δ&lt;sup&gt;(l)&lt;/sup&gt; is how much the loss L changes when the weighted sums z&lt;sup&gt;(l)&lt;/sup&gt; of layer l change; ⊙ multiplies element by element.</source>
        <translation>δ&lt;sup&gt;(l)&lt;/sup&gt; 表示第 l 层的加权和 z&lt;sup&gt;(l)&lt;/sup&gt; 变化时损失 L 变化多少；⊙ 表示逐元素相乘。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backpropagation finds the gradient of the loss with respect to every weight in one backward pass: start from the loss and apply the chain rule layer by layer, from the output back to the input. Each layer reuses the δ of the layer after it, so the whole pass costs about as much as the forward pass. The gradient histograms and norms show what it found for every layer.</source>
        <translation>反向传播用一次反向计算求出损失对每个权重的梯度：从损失出发，从输出层到输入层逐层应用链式法则。每一层都复用后一层的 δ，所以整个反向过程的计算量与前向传播相当。梯度直方图和梯度范数显示了它为每一层求出的结果。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chain rule</source>
        <translation>链式法则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>∂L/∂x = ∂L/∂y · ∂y/∂x&lt;br&gt;∂L/∂a&lt;sub&gt;1&lt;/sub&gt; = ∂L/∂a&lt;sub&gt;n&lt;/sub&gt; · ∂a&lt;sub&gt;n&lt;/sub&gt;/∂a&lt;sub&gt;n−1&lt;/sub&gt; ⋯ ∂a&lt;sub&gt;2&lt;/sub&gt;/∂a&lt;sub&gt;1&lt;/sub&gt;</source>
        <translation>∂L/∂x = ∂L/∂y · ∂y/∂x&lt;br&gt;∂L/∂a&lt;sub&gt;1&lt;/sub&gt; = ∂L/∂a&lt;sub&gt;n&lt;/sub&gt; · ∂a&lt;sub&gt;n&lt;/sub&gt;/∂a&lt;sub&gt;n−1&lt;/sub&gt; ⋯ ∂a&lt;sub&gt;2&lt;/sub&gt;/∂a&lt;sub&gt;1&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If y depends on x and the loss depends on y, a small nudge to x changes the loss by the product of the two rates of change. Through a deep network the gradient of an early layer is a long product of such factors, one per layer: that is why it can shrink to nothing or blow up.</source>
        <translation>如果 y 依赖于 x，而损失又依赖于 y，那么 x 的微小变化引起的损失变化等于这两个变化率的乘积。在深层网络中，靠前的层的梯度是一长串这样的因子之积，每层一个：这就是它可能缩小到几乎为零、也可能爆炸的原因。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Computation graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x → z = Wx + b → a = f(z) → L(a, y)&lt;br&gt;where two paths meet, gradients add:&lt;br&gt;u = g(x), v = h(x):&amp;nbsp;&amp;nbsp; ∂L/∂x = ∂L/∂u · ∂u/∂x + ∂L/∂v · ∂v/∂x</source>
        <translation>x → z = Wx + b → a = f(z) → L(a, y)&lt;br&gt;两条路径汇合处，梯度相加：&lt;br&gt;u = g(x), v = h(x):&amp;nbsp;&amp;nbsp; ∂L/∂x = ∂L/∂u · ∂u/∂x + ∂L/∂v · ∂v/∂x</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every computation is a graph of small operations: a multiplication, an addition, an activation. The forward pass evaluates the graph from the inputs to the loss; the backward pass walks it in reverse, and where the graph branches, the gradients coming back along the branches are added. A residual block is such a branch: its skip path carries the gradient past the block.</source>
        <translation>任何计算都是由小运算组成的图：一次乘法、一次加法、一个激活函数。前向传播从输入到损失依次计算这张图；反向传播沿相反方向遍历它，在图的分叉处，沿各分支传回的梯度相加。残差块就是这样一个分叉：它的跳跃路径把梯度直接送过这个块。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · ∇&lt;sub&gt;θ&lt;/sub&gt;L(θ)</source>
        <translation>θ ← θ − η · ∇&lt;sub&gt;θ&lt;/sub&gt;L(θ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ stands for all the weights and biases, η is the learning rate and ∇&lt;sub&gt;θ&lt;/sub&gt;L the gradient of the loss.</source>
        <translation>θ 代表所有权重和偏置，η 是学习率，∇&lt;sub&gt;θ&lt;/sub&gt;L 是损失的梯度。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The gradient points the way in which the loss rises fastest, so a small step the other way lowers it. Repeat the step many times and the weights roll downhill into a valley of the loss. Batch, stochastic and mini-batch gradient descent differ only in how many examples they use to estimate the gradient for one step.</source>
        <translation>梯度指向损失上升最快的方向，所以朝反方向迈一小步就能让损失下降。重复很多次，权重就会沿着坡滚进损失的谷底。批量、随机和小批量梯度下降的区别只在于：每一步用多少个样本来估计梯度。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Batch gradient descent (BGD)</source>
        <translation>批量梯度下降（BGD）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · (1/N) Σ&lt;sub&gt;i=1&lt;/sub&gt;&lt;sup&gt;N&lt;/sup&gt; ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation>θ ← θ − η · (1/N) Σ&lt;sub&gt;i=1&lt;/sub&gt;&lt;sup&gt;N&lt;/sup&gt; ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N is the size of the whole training set and ℓ the loss on one example.</source>
        <translation>N 是整个训练集的大小，ℓ 是单个样本上的损失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every step uses the whole training set: the gradient is exact and the loss goes down smoothly, but there is only one step per epoch, and each step is slow on large data. In the project file: training.batch_size = null (the whole training set as one batch).</source>
        <translation>每一步都使用整个训练集：梯度是精确的，损失平稳下降，但每个轮次只有一步，而且数据量大时每一步都很慢。在项目文件中：training.batch_size = null（把整个训练集作为一个批次）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stochastic gradient descent (SGD)</source>
        <translation>随机梯度下降（SGD）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one example i, drawn at random:&lt;br&gt;θ ← θ − η · ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation>随机抽取一个样本 i：&lt;br&gt;θ ← θ − η · ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every step uses a single example: steps are cheap and many, but noisy, so the loss curve jitters. The noise is not all bad: it can shake the weights out of a poor spot. In the project file: training.batch_size = 1. Note that the optimizer named sgd (as in PyTorch) is the plain update rule, whatever the batch size.</source>
        <translation>每一步只用一个样本：每步计算量小、步数多，但带有噪声，所以损失曲线会抖动。噪声也不全是坏事：它能把权重从不好的位置晃出来。在项目文件中：training.batch_size = 1。注意，名为 sgd 的优化器（与 PyTorch 一样）指的是最基本的更新规则，与批量大小无关。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mini-batch gradient descent</source>
        <translation>小批量梯度下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · (1/B) Σ&lt;sub&gt;i ∈ batch&lt;/sub&gt; ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation>θ ← θ − η · (1/B) Σ&lt;sub&gt;i ∈ batch&lt;/sub&gt; ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>B is the batch size (training.batch_size), often 16 to 256; an epoch of N examples has ⌈N / B⌉ steps.</source>
        <translation>B 是批量大小（training.batch_size），通常为 16 到 256；N 个样本的一个轮次有 ⌈N / B⌉ 步。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The usual compromise: each step averages the gradient over a small random batch of B examples. The estimate is good enough to go downhill, each step is cheap, and an epoch has many steps. Almost every example here trains this way.</source>
        <translation>常用的折中办法：每一步在 B 个随机样本组成的小批量上对梯度取平均。这个估计足以指明下坡的方向，每一步计算量小，一个轮次又有很多步。这里几乎所有示例都这样训练。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Momentum (SGD with momentum)</source>
        <translation>动量（带动量的 SGD）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v ← β v + (1 − d) g&lt;br&gt;θ ← θ − η v</source>
        <translation>v ← β v + (1 − d) g&lt;br&gt;θ ← θ − η v</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>g is the gradient, β the momentum (often 0.9) and d the dampening (0 by default). With d = β, v is the exponentially weighted average of the gradients.</source>
        <translation>g 是梯度，β 是动量（常取 0.9），d 是阻尼 dampening（默认为 0）。当 d = β 时，v 就是梯度的指数加权平均。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Instead of stepping along today&apos;s gradient, keep a velocity that remembers the past ones. Where the gradients keep pointing the same way the steps grow (up to 1/(1 − β) times: ten times for β = 0.9); where they flip back and forth they cancel out. In the project file: optimizer sgd with momentum = β. Adding dampening = β gives the EMA form that many courses write, whose steps are 1 − β times as large for the same learning rate.</source>
        <translation>不再只沿当前的梯度走，而是保留一个记住过去梯度的速度。梯度方向一直相同时，步长会变大（最多变为 1/(1 − β) 倍：β = 0.9 时为十倍）；梯度来回摆动时，它们会相互抵消。在项目文件中：优化器 sgd，momentum = β。再设 dampening = β，就得到许多课程里写的 EMA 形式，在相同学习率下它的步长是前者的 1 − β 倍。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exponentially weighted average (EMA)</source>
        <translation>指数加权平均（EMA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v&lt;sub&gt;t&lt;/sub&gt; = β v&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β) x&lt;sub&gt;t&lt;/sub&gt;&lt;br&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;= (1 − β) (x&lt;sub&gt;t&lt;/sub&gt; + β x&lt;sub&gt;t−1&lt;/sub&gt; + β&lt;sup&gt;2&lt;/sup&gt; x&lt;sub&gt;t−2&lt;/sub&gt; + ⋯)</source>
        <translation>v&lt;sub&gt;t&lt;/sub&gt; = β v&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β) x&lt;sub&gt;t&lt;/sub&gt;&lt;br&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;= (1 − β) (x&lt;sub&gt;t&lt;/sub&gt; + β x&lt;sub&gt;t−1&lt;/sub&gt; + β&lt;sup&gt;2&lt;/sup&gt; x&lt;sub&gt;t−2&lt;/sub&gt; + ⋯)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>β is between 0 and 1; the average covers roughly the last 1/(1 − β) values.</source>
        <translation>β 介于 0 和 1 之间；这个平均大致覆盖最近的 1/(1 − β) 个值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A running average that forgets slowly: each new value gets the weight 1 − β, and older values fade by a factor β per step. With β = 0.9 it averages about the last 10 gradients, with β = 0.999 the last 1000. Momentum, RMSProp, Adam and batch norm&apos;s running statistics are all built on it.</source>
        <translation>一种慢慢遗忘的滑动平均：每个新值的权重为 1 − β，更早的值每一步衰减为原来的 β 倍。β = 0.9 时它大约平均了最近 10 个梯度，β = 0.999 时约为最近 1000 个。动量、RMSProp、Adam 以及批量归一化的滑动统计量都建立在它之上。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>G ← G + g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · g / (√G + ε)</source>
        <translation>G ← G + g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · g / (√G + ε)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is per weight; G adds up the squared gradients since the start and ε avoids dividing by zero.</source>
        <translation>所有运算都对每个权重分别进行；G 累加从开始以来的梯度平方，ε 防止除以零。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each weight gets its own learning rate: weights with large past gradients take smaller steps, rarely updated weights take larger ones. Because G only grows, the steps shrink for ever, which can stop learning too early; RMSProp fixes this by forgetting old gradients.</source>
        <translation>每个权重都有自己的学习率：过去梯度大的权重步子小，很少更新的权重步子大。由于 G 只增不减，步长会一直缩小，可能过早地停止学习；RMSProp 通过遗忘旧的梯度解决了这个问题。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>s ← α s + (1 − α) g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · g / (√s + ε)</source>
        <translation>s ← α s + (1 − α) g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · g / (√s + ε)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α (alpha in the project file, 0.99 by default; many courses call it β) sets how slowly the average of squared gradients s forgets.</source>
        <translation>α（项目文件中的 alpha，默认 0.99；许多课程记作 β）决定梯度平方的平均 s 遗忘得有多慢。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Like AdaGrad, but the squared gradients are averaged with an exponentially weighted average instead of summed, so the step follows the recent size of the gradient: each weight moves by about η per step, whatever the scale of its gradient.</source>
        <translation>与 AdaGrad 类似，但梯度平方用指数加权平均代替累加，因此步长跟随梯度最近的大小：无论梯度的尺度如何，每个权重每步大约移动 η。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>m ← β&lt;sub&gt;1&lt;/sub&gt; m + (1 − β&lt;sub&gt;1&lt;/sub&gt;) g&lt;br&gt;v ← β&lt;sub&gt;2&lt;/sub&gt; v + (1 − β&lt;sub&gt;2&lt;/sub&gt;) g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · [m / (1 − β&lt;sub&gt;1&lt;/sub&gt;&lt;sup&gt;t&lt;/sup&gt;)] / (√[v / (1 − β&lt;sub&gt;2&lt;/sub&gt;&lt;sup&gt;t&lt;/sup&gt;)] + ε)</source>
        <translation>m ← β&lt;sub&gt;1&lt;/sub&gt; m + (1 − β&lt;sub&gt;1&lt;/sub&gt;) g&lt;br&gt;v ← β&lt;sub&gt;2&lt;/sub&gt; v + (1 − β&lt;sub&gt;2&lt;/sub&gt;) g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · [m / (1 − β&lt;sub&gt;1&lt;/sub&gt;&lt;sup&gt;t&lt;/sup&gt;)] / (√[v / (1 − β&lt;sub&gt;2&lt;/sub&gt;&lt;sup&gt;t&lt;/sup&gt;)] + ε)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>t is the step number; β&lt;sub&gt;1&lt;/sub&gt; = 0.9, β&lt;sub&gt;2&lt;/sub&gt; = 0.999 and ε = 1e-8 by default (betas and eps in the project file).</source>
        <translation>t 是步数；默认 β&lt;sub&gt;1&lt;/sub&gt; = 0.9，β&lt;sub&gt;2&lt;/sub&gt; = 0.999，ε = 1e-8（项目文件中的 betas 和 eps）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Momentum and RMSProp together: m averages the gradients (the direction), v their squares (the scale), and each weight steps by about η in the direction m points. The divisions by 1 − β&lt;sup&gt;t&lt;/sup&gt; are the bias correction. A good default: most examples here use Adam with η between 0.003 and 0.05.</source>
        <translation>动量与 RMSProp 的结合：m 是梯度的平均（方向），v 是梯度平方的平均（尺度），每个权重沿 m 所指的方向大约移动 η。除以 1 − β&lt;sup&gt;t&lt;/sup&gt; 就是偏差修正。一个不错的默认选择：这里大多数示例使用 Adam，η 在 0.003 到 0.05 之间。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bias correction</source>
        <translation>偏差修正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>m&lt;sub&gt;t&lt;/sub&gt; = β m&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β) g&lt;sub&gt;t&lt;/sub&gt;,&amp;nbsp;&amp;nbsp; m&lt;sub&gt;0&lt;/sub&gt; = 0&lt;br&gt;corrected: m&lt;sub&gt;t&lt;/sub&gt; / (1 − β&lt;sup&gt;t&lt;/sup&gt;)</source>
        <translation>m&lt;sub&gt;t&lt;/sub&gt; = β m&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β) g&lt;sub&gt;t&lt;/sub&gt;,&amp;nbsp;&amp;nbsp; m&lt;sub&gt;0&lt;/sub&gt; = 0&lt;br&gt;修正后： m&lt;sub&gt;t&lt;/sub&gt; / (1 − β&lt;sup&gt;t&lt;/sup&gt;)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>t is the step number, starting at 1.</source>
        <translation>t 是步数，从 1 开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An average that starts at zero is too small at first: after one step with β = 0.9 it holds only a tenth of the gradient. Dividing by 1 − β&lt;sup&gt;t&lt;/sup&gt; undoes exactly that (if every gradient were the same, the corrected average would equal it from the first step), and the correction fades to nothing as t grows. Adam corrects both of its averages this way.</source>
        <translation>从零开始的平均起初偏小：β = 0.9 时，第一步之后它只有梯度的十分之一。除以 1 − β&lt;sup&gt;t&lt;/sup&gt; 正好抵消这一点（如果每次的梯度都相同，修正后的平均从第一步起就等于它），而且随着 t 增大，这个修正逐渐消失。Adam 就用这种方式修正它的两个平均。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · g</source>
        <translation>θ ← θ − η · g</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>η (lr in the project file) scales every step.</source>
        <translation>η（项目文件中的 lr）缩放每一步。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The size of each step downhill. Too small and training crawls; too large and the steps overshoot the valley: the loss jumps around, or grows until it becomes NaN. Change it while the network trains and watch the loss curve answer.</source>
        <translation>每一步下坡的步长。太小，训练进展缓慢；太大，步子会越过谷底：损失上下跳动，或者不断增大直到变成 NaN。在网络训练时修改它，看看损失曲线如何回应。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Epoch and step</source>
        <translation>轮次与步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps per epoch = ⌈N / B⌉</source>
        <translation>每轮次的步数 = ⌈N / B⌉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N training examples, batch size B.</source>
        <translation>N 个训练样本，批量大小为 B。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A step is one update of the weights, from one batch. An epoch is one pass over the whole training set: with 300 training examples and a batch size of 20, an epoch is 15 steps.</source>
        <translation>一步是用一个批次对权重做的一次更新。一个轮次（epoch）是对整个训练集的一次遍历：有 300 个训练样本、批量大小为 20 时，一个轮次就是 15 步。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Vanishing gradients</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one unit per layer:&amp;nbsp;&amp;nbsp; ∂L/∂a&lt;sup&gt;(1)&lt;/sup&gt; = ∂L/∂a&lt;sup&gt;(L)&lt;/sup&gt; · Π&lt;sub&gt;l=2&lt;/sub&gt;&lt;sup&gt;L&lt;/sup&gt; w&lt;sup&gt;(l)&lt;/sup&gt; f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;sigmoid: σ′(z) ≤ 0.25, so nine layers multiply by at most 0.25&lt;sup&gt;9&lt;/sup&gt; ≈ 4 × 10&lt;sup&gt;−6&lt;/sup&gt;</source>
        <translation>每层一个单元：&amp;nbsp;&amp;nbsp; ∂L/∂a&lt;sup&gt;(1)&lt;/sup&gt; = ∂L/∂a&lt;sup&gt;(L)&lt;/sup&gt; · Π&lt;sub&gt;l=2&lt;/sub&gt;&lt;sup&gt;L&lt;/sup&gt; w&lt;sup&gt;(l)&lt;/sup&gt; f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;sigmoid：σ′(z) ≤ 0.25，因此九层最多乘以 0.25&lt;sup&gt;9&lt;/sup&gt; ≈ 4 × 10&lt;sup&gt;−6&lt;/sup&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On its way back the gradient is multiplied by each layer&apos;s weights and activation slope. When these factors are smaller than 1, the gradient shrinks layer after layer and the first layers receive almost nothing: they barely learn while the last ones do. Look at the per-layer gradient norms. ReLU, He initialisation, batch norm and residual connections are the cures.</source>
        <translation>在反向传播的路上，梯度要乘以每一层的权重和激活函数的斜率。当这些因子小于 1 时，梯度一层一层地缩小，最前面的几层几乎什么也收不到：后面的层在学习，它们却几乎不动。看看各层的梯度范数。ReLU、He 初始化、批量归一化和残差连接是解决办法。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exploding gradients</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>∂L/∂a&lt;sup&gt;(1)&lt;/sup&gt; = ∂L/∂a&lt;sup&gt;(L)&lt;/sup&gt; · Π&lt;sub&gt;l=2&lt;/sub&gt;&lt;sup&gt;L&lt;/sup&gt; w&lt;sup&gt;(l)&lt;/sup&gt; f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;factors of about 8 over six layers: 8&lt;sup&gt;6&lt;/sup&gt; ≈ 2.6 × 10&lt;sup&gt;5&lt;/sup&gt;</source>
        <translation>∂L/∂a&lt;sup&gt;(1)&lt;/sup&gt; = ∂L/∂a&lt;sup&gt;(L)&lt;/sup&gt; · Π&lt;sub&gt;l=2&lt;/sub&gt;&lt;sup&gt;L&lt;/sup&gt; w&lt;sup&gt;(l)&lt;/sup&gt; f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;六层、每层因子约为 8： 8&lt;sup&gt;6&lt;/sup&gt; ≈ 2.6 × 10&lt;sup&gt;5&lt;/sup&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same product as for vanishing gradients, with factors larger than 1: the gradient grows layer after layer, one step throws the weights far away and the loss becomes inf or NaN. The usual causes are weights initialised too large and a learning rate too high; the cures are a proper initialisation, a smaller learning rate and gradient clipping.</source>
        <translation>与梯度消失中的乘积相同，只是因子大于 1：梯度一层一层地增大，一步就把权重抛到很远的地方，损失变成 inf 或 NaN。常见的原因是权重初始化过大和学习率过高；解决办法是合适的初始化、更小的学习率和梯度裁剪。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Gradient clipping</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>if ‖g‖ &amp;gt; c:&amp;nbsp;&amp;nbsp; g ← g · c / ‖g‖</source>
        <translation>若 ‖g‖ &amp;gt; c：&amp;nbsp;&amp;nbsp; g ← g · c / ‖g‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖g‖ is the norm of all the gradients together and c is training.grad_clip in the project file.</source>
        <translation>‖g‖ 是所有梯度合在一起的范数，c 是项目文件中的 training.grad_clip。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A safety belt against exploding gradients: when the gradient is longer than c it is shortened to length c, keeping its direction. Small gradients are left alone.</source>
        <translation>防止梯度爆炸的安全带：当梯度的长度超过 c 时，把它缩短到 c，方向保持不变。较小的梯度不受影响。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saturation</source>
        <translation>饱和</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>σ′(z) = σ(z) (1 − σ(z)):&amp;nbsp;&amp;nbsp; σ′(0) = 0.25,&amp;nbsp; σ′(5) ≈ 0.0066&lt;br&gt;tanh′(z) = 1 − tanh&lt;sup&gt;2&lt;/sup&gt;(z):&amp;nbsp;&amp;nbsp; tanh′(5) ≈ 0.00018</source>
        <translation>σ′(z) = σ(z) (1 − σ(z)):&amp;nbsp;&amp;nbsp; σ′(0) = 0.25,&amp;nbsp; σ′(5) ≈ 0.0066&lt;br&gt;tanh′(z) = 1 − tanh&lt;sup&gt;2&lt;/sup&gt;(z):&amp;nbsp;&amp;nbsp; tanh′(5) ≈ 0.00018</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A sigmoid or tanh unit whose weighted sum z is large, positive or negative, sits on a flat part of its curve: its output hardly changes and its slope is nearly zero, so almost no gradient passes through it. Large weights or unscaled inputs push units there. The activation statistics show the fraction of saturated units in each layer.</source>
        <translation>当 sigmoid 或 tanh 单元的加权和 z 很大（无论正负）时，它处在曲线平坦的部分：输出几乎不变，斜率接近零，因此几乎没有梯度能通过它。过大的权重或未经缩放的输入会把单元推到这里。激活统计图显示每一层中饱和单元的比例。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dead ReLU</source>
        <translation>死亡 ReLU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU′(z) = 0 for z &amp;lt; 0&lt;br&gt;dead: z &amp;lt; 0 for every input, so no gradient reaches the unit&apos;s weights</source>
        <translation>当 z &amp;lt; 0 时 ReLU′(z) = 0&lt;br&gt;死亡：对所有输入都有 z &amp;lt; 0，因此没有梯度能到达该单元的权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A ReLU unit whose weighted sum is negative for every example outputs 0 and has slope 0, so no gradient reaches its weights and it never recovers. A learning rate that is too large, or a large negative bias, can kill many units at once. Leaky ReLU keeps a small slope below zero, so its units can come back.</source>
        <translation>如果一个 ReLU 单元的加权和对每个样本都是负的，它的输出为 0、斜率为 0，于是没有梯度能到达它的权重，它再也不会恢复。过大的学习率或很大的负偏置可能一下子让许多单元死亡。Leaky ReLU 在零以下保留一个小斜率，所以它的单元还能恢复。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>He initialisation</source>
        <translation>He 初始化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W ~ N(0, 2 / n&lt;sub&gt;in&lt;/sub&gt;),&amp;nbsp;&amp;nbsp; std = √(2 / n&lt;sub&gt;in&lt;/sub&gt;)</source>
        <translation>W ~ N(0, 2 / n&lt;sub&gt;in&lt;/sub&gt;),&amp;nbsp;&amp;nbsp; std = √(2 / n&lt;sub&gt;in&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n&lt;sub&gt;in&lt;/sub&gt; is the number of inputs of the layer (its fan-in).</source>
        <translation>n&lt;sub&gt;in&lt;/sub&gt; 是该层的输入个数（扇入）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU sets about half of its inputs to zero, which halves the signal&apos;s variance; weights with variance 2 / n&lt;sub&gt;in&lt;/sub&gt; make up for it, so the signal keeps its size from layer to layer instead of shrinking or growing. For 16 inputs the standard deviation is √(2/16) ≈ 0.35. Use it with ReLU and its relatives (he_normal, he_uniform in the project file).</source>
        <translation>ReLU 把大约一半的输入置为零，使信号的方差减半；方差为 2 / n&lt;sub&gt;in&lt;/sub&gt; 的权重正好弥补这一点，于是信号在层与层之间保持大小，既不缩小也不增大。输入为 16 个时，标准差为 √(2/16) ≈ 0.35。与 ReLU 及其变体一起使用（项目文件中的 he_normal、he_uniform）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Glorot (Xavier) initialisation</source>
        <translation>Glorot（Xavier）初始化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W ~ N(0, 2 / (n&lt;sub&gt;in&lt;/sub&gt; + n&lt;sub&gt;out&lt;/sub&gt;))&lt;br&gt;or W ~ U(−a, a),&amp;nbsp;&amp;nbsp; a = √(6 / (n&lt;sub&gt;in&lt;/sub&gt; + n&lt;sub&gt;out&lt;/sub&gt;))</source>
        <translation>W ~ N(0, 2 / (n&lt;sub&gt;in&lt;/sub&gt; + n&lt;sub&gt;out&lt;/sub&gt;))&lt;br&gt;或 W ~ U(−a, a),&amp;nbsp;&amp;nbsp; a = √(6 / (n&lt;sub&gt;in&lt;/sub&gt; + n&lt;sub&gt;out&lt;/sub&gt;))</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>n&lt;sub&gt;in&lt;/sub&gt; and n&lt;sub&gt;out&lt;/sub&gt;: the layer&apos;s inputs and outputs.</source>
        <translation>n&lt;sub&gt;in&lt;/sub&gt; 和 n&lt;sub&gt;out&lt;/sub&gt;：该层的输入数和输出数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen so that, for units with slope 1 around zero such as tanh, the signal keeps its variance on the way forward and the gradient keeps its variance on the way back. It suits tanh; with ReLU prefer He (xavier_normal, xavier_uniform in the project file).</source>
        <translation>这样选取，是为了让在零附近斜率为 1 的单元（如 tanh）在前向时保持信号的方差，在反向时保持梯度的方差。它适合 tanh；使用 ReLU 时请选 He 初始化（项目文件中的 xavier_normal、xavier_uniform）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Batch normalisation</source>
        <translation>批量归一化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>μ = (1/B) Σ&lt;sub&gt;i&lt;/sub&gt; x&lt;sub&gt;i&lt;/sub&gt;,&amp;nbsp;&amp;nbsp; σ&lt;sup&gt;2&lt;/sup&gt; = (1/B) Σ&lt;sub&gt;i&lt;/sub&gt; (x&lt;sub&gt;i&lt;/sub&gt; − μ)&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;y&lt;sub&gt;i&lt;/sub&gt; = γ · (x&lt;sub&gt;i&lt;/sub&gt; − μ) / √(σ&lt;sup&gt;2&lt;/sup&gt; + ε) + β</source>
        <translation>μ = (1/B) Σ&lt;sub&gt;i&lt;/sub&gt; x&lt;sub&gt;i&lt;/sub&gt;,&amp;nbsp;&amp;nbsp; σ&lt;sup&gt;2&lt;/sup&gt; = (1/B) Σ&lt;sub&gt;i&lt;/sub&gt; (x&lt;sub&gt;i&lt;/sub&gt; − μ)&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;y&lt;sub&gt;i&lt;/sub&gt; = γ · (x&lt;sub&gt;i&lt;/sub&gt; − μ) / √(σ&lt;sup&gt;2&lt;/sup&gt; + ε) + β</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>per unit, over the B examples of the batch; γ and β are learned.</source>
        <translation>对每个单元，在批次的 B 个样本上计算；γ 和 β 是学习得到的参数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each unit&apos;s values are centred and scaled over the mini-batch, then a learned scale γ and shift β let the network choose the range it wants. Every layer sees inputs of a steady size whatever the layers before it do, which keeps the gradients healthy and allows larger learning rates. To evaluate, running averages of μ and σ&lt;sup&gt;2&lt;/sup&gt; (an EMA) replace the batch&apos;s.</source>
        <translation>每个单元的值在小批量上被中心化和缩放，然后由学到的缩放 γ 和平移 β 让网络选择它想要的范围。无论前面的层如何变化，每一层看到的输入大小都很稳定，这让梯度保持健康，也允许使用更大的学习率。评估时，用 μ 和 σ&lt;sup&gt;2&lt;/sup&gt; 的滑动平均（一种 EMA）代替批次的统计量。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Residual connection</source>
        <translation>残差连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = x + f(x)&lt;br&gt;∂L/∂x = ∂L/∂y · (I + ∂f/∂x)</source>
        <translation>y = x + f(x)&lt;br&gt;∂L/∂x = ∂L/∂y · (I + ∂f/∂x)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>f is the block&apos;s layers and I the identity.</source>
        <translation>f 是块内的层，I 是恒等映射。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A block adds its input to its output, so it only has to learn a correction f(x) to passing the input through. On the way back the I term carries the gradient past the block unchanged, so even very deep networks get a gradient in their first layers.</source>
        <translation>一个块把它的输入加到输出上，所以它只需要学习在直接传递输入之外的修正 f(x)。反向时，I 这一项把梯度原封不动地送过这个块，因此即使是很深的网络，最前面的层也能得到梯度。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Weight decay (L2)</source>
        <translation>权重衰减（L2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L′ = L + (λ/2) Σ w&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η (g + λθ)</source>
        <translation>L′ = L + (λ/2) Σ w&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η (g + λθ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>λ is weight_decay in the optimizer&apos;s settings.</source>
        <translation>λ 是优化器设置中的 weight_decay。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pulls every weight a little towards zero at each step, so the network prefers small weights and smooth functions unless the data insists. One of the simplest cures for overfitting. (In Adam, weight_decay adds λθ to the gradient; AdamW shrinks the weights directly instead, which usually works better.)</source>
        <translation>每一步都把每个权重往零拉一点，所以除非数据坚持，网络更偏好小的权重和平滑的函数。这是对付过拟合最简单的办法之一。（在 Adam 中，weight_decay 把 λθ 加到梯度上；AdamW 则直接缩小权重，通常效果更好。）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dropout</source>
        <translation>Dropout（随机失活）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training: y = m ⊙ x / (1 − p),&amp;nbsp;&amp;nbsp; m&lt;sub&gt;i&lt;/sub&gt; = 0 with probability p, else 1&lt;br&gt;evaluation: y = x</source>
        <translation>训练时： y = m ⊙ x / (1 − p),&amp;nbsp;&amp;nbsp; m&lt;sub&gt;i&lt;/sub&gt; 以概率 p 为 0，否则为 1&lt;br&gt;评估时： y = x</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>p is the rate: the fraction of units switched off.</source>
        <translation>p 是丢弃率：被关闭的单元所占的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>During training every unit is switched off at random with probability p, and the others are scaled up so the average stays the same. The network cannot rely on any single unit, which makes it more robust and less prone to overfitting. At evaluation nothing is dropped.</source>
        <translation>训练时，每个单元以概率 p 被随机关闭，其余单元按比例放大，使平均值保持不变。网络不能依赖任何单个单元，因此更稳健，也更不容易过拟合。评估时不丢弃任何单元。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stop when the validation loss has not improved by min_delta for patience epochs;&lt;br&gt;restore_best: go back to the weights of the best epoch</source>
        <translation>当验证损失连续 patience 个轮次的改善都不超过 min_delta 时停止；&lt;br&gt;restore_best：恢复到最佳轮次的权重</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Watch the validation loss and stop training when it no longer improves: the network was best before it started to fit the noise. In the project file: training.early_stopping (it needs a validation set).</source>
        <translation>观察验证损失，当它不再改善时就停止训练：网络在开始拟合噪声之前的状态最好。在项目文件中：training.early_stopping（需要验证集）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Overfitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training loss ↓ while validation loss ↑</source>
        <translation>训练损失 ↓，验证损失 ↑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network learns the training examples, noise included, instead of the pattern behind them: the training loss keeps falling while the validation loss starts to rise. More data, a smaller network, weight decay, dropout or early stopping help.</source>
        <translation>网络记住了训练样本（连同其中的噪声），而不是背后的规律：训练损失持续下降，验证损失却开始上升。更多的数据、更小的网络、权重衰减、Dropout 或早停都有帮助。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Training and validation sets</source>
        <translation>训练集与验证集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation_split = 0.2: 80 % of the examples to train on, 20 % held out</source>
        <translation>validation_split = 0.2：80% 的样本用于训练，20% 留出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The network learns from the training set only; the validation set is held out to see how it does on examples it has never seen. A validation loss that rises while the training loss falls is the sign of overfitting.</source>
        <translation>网络只从训练集学习；验证集被留出来，用来检验网络在从未见过的样本上表现如何。训练损失下降而验证损失上升，就是过拟合的信号。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Perceptron</source>
        <translation>感知机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ŷ = step(w · x + b) = 1 if w · x + b &amp;gt; 0, else 0</source>
        <translation>ŷ = step(w · x + b) = 1（若 w · x + b &amp;gt; 0），否则为 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One neuron: a weighted sum and a threshold. It draws one straight line (a plane, in more dimensions) and puts the classes on either side, so it can only separate classes that a straight line separates. The step has slope 0, so gradient descent cannot train it; replace the step by a sigmoid and you get logistic regression, which it can.</source>
        <translation>一个神经元：一个加权和加一个阈值。它画出一条直线（在更高维中是一个平面），把两类分在两侧，因此只能分开能被一条直线分开的类别。阶跃函数的斜率为 0，梯度下降无法训练它；把阶跃函数换成 sigmoid，就得到了逻辑回归，梯度下降就能训练了。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>XOR</source>
        <translation>XOR（异或）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XOR(0, 0) = 0,&amp;nbsp; XOR(0, 1) = 1,&amp;nbsp; XOR(1, 0) = 1,&amp;nbsp; XOR(1, 1) = 0</source>
        <translation>XOR(0, 0) = 0,&amp;nbsp; XOR(0, 1) = 1,&amp;nbsp; XOR(1, 0) = 1,&amp;nbsp; XOR(1, 1) = 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The classic problem one neuron cannot solve: the points where exactly one input is on form one class, and no straight line separates them from the others. One hidden layer of a few units is enough, and so is adding the product x&lt;sub&gt;1&lt;/sub&gt;x&lt;sub&gt;2&lt;/sub&gt; as a feature.</source>
        <translation>一个神经元解决不了的经典问题：恰好有一个输入为 1 的点属于一类，没有任何一条直线能把它们和其余的点分开。一个只有几个单元的隐藏层就足够了，把乘积 x&lt;sub&gt;1&lt;/sub&gt;x&lt;sub&gt;2&lt;/sub&gt; 作为特征加入也可以。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loss function</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L(θ) = (1/N) Σ&lt;sub&gt;i&lt;/sub&gt; ℓ(ŷ&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation>L(θ) = (1/N) Σ&lt;sub&gt;i&lt;/sub&gt; ℓ(ŷ&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ŷ&lt;sub&gt;i&lt;/sub&gt; is the network&apos;s prediction for example i and y&lt;sub&gt;i&lt;/sub&gt; its target.</source>
        <translation>ŷ&lt;sub&gt;i&lt;/sub&gt; 是网络对样本 i 的预测，y&lt;sub&gt;i&lt;/sub&gt; 是它的目标值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One number that says how wrong the network&apos;s predictions are; training is the search for weights that make it small. Mean squared error for regression, cross-entropy for classification.</source>
        <translation>一个数，表示网络的预测错得有多厉害；训练就是寻找让它变小的权重。回归用均方误差，分类用交叉熵。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Mean squared error (MSE)</source>
        <translation>均方误差（MSE）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE = (1/N) Σ&lt;sub&gt;i&lt;/sub&gt; (ŷ&lt;sub&gt;i&lt;/sub&gt; − y&lt;sub&gt;i&lt;/sub&gt;)&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;∂MSE/∂ŷ&lt;sub&gt;i&lt;/sub&gt; = (2/N) (ŷ&lt;sub&gt;i&lt;/sub&gt; − y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation>MSE = (1/N) Σ&lt;sub&gt;i&lt;/sub&gt; (ŷ&lt;sub&gt;i&lt;/sub&gt; − y&lt;sub&gt;i&lt;/sub&gt;)&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;∂MSE/∂ŷ&lt;sub&gt;i&lt;/sub&gt; = (2/N) (ŷ&lt;sub&gt;i&lt;/sub&gt; − y&lt;sub&gt;i&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The average squared distance between prediction and target, for regression. Squaring punishes large errors far more than small ones, and the unit is the target&apos;s unit squared: an MSE of 0.01 means a typical error of about 0.1.</source>
        <translation>预测值与目标值之间距离平方的平均，用于回归。平方对大误差的惩罚远大于小误差，单位是目标值单位的平方：MSE 为 0.01 意味着典型误差约为 0.1。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L = −(1/N) Σ&lt;sub&gt;i&lt;/sub&gt; Σ&lt;sub&gt;k&lt;/sub&gt; y&lt;sub&gt;ik&lt;/sub&gt; log p&lt;sub&gt;ik&lt;/sub&gt;&lt;br&gt;two classes: L = −[y log p + (1 − y) log(1 − p)]&lt;br&gt;with softmax: ∂ℓ/∂z&lt;sub&gt;k&lt;/sub&gt; = p&lt;sub&gt;k&lt;/sub&gt; − y&lt;sub&gt;k&lt;/sub&gt;</source>
        <translation>L = −(1/N) Σ&lt;sub&gt;i&lt;/sub&gt; Σ&lt;sub&gt;k&lt;/sub&gt; y&lt;sub&gt;ik&lt;/sub&gt; log p&lt;sub&gt;ik&lt;/sub&gt;&lt;br&gt;两类： L = −[y log p + (1 − y) log(1 − p)]&lt;br&gt;配合 softmax： ∂ℓ/∂z&lt;sub&gt;k&lt;/sub&gt; = p&lt;sub&gt;k&lt;/sub&gt; − y&lt;sub&gt;k&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>p&lt;sub&gt;ik&lt;/sub&gt; is the probability the network gives to class k for example i.</source>
        <translation>p&lt;sub&gt;ik&lt;/sub&gt; 是网络给出的样本 i 属于类别 k 的概率。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measures how much probability the network gave to the right class: predicting it with probability p costs −log p, so a confident mistake costs a lot. Guessing between two classes at random costs log 2 ≈ 0.69, which is where a network that learns nothing stays.</source>
        <translation>衡量网络给正确类别分配了多少概率：以概率 p 预测正确类别的代价是 −log p，所以自信的错误代价很高。在两类之间随机猜测的代价是 log 2 ≈ 0.69，一个什么也没学到的网络就停在这里。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Activation function</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a = f(z),&amp;nbsp;&amp;nbsp; z = w · x + b</source>
        <translation>a = f(z),&amp;nbsp;&amp;nbsp; z = w · x + b</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The non-linear function each neuron applies to its weighted sum. Without it a stack of layers collapses into one linear map, however deep; with it the network can bend its decision boundary. Its slope f′(z) also decides how much gradient flows back through the unit.</source>
        <translation>每个神经元对其加权和施加的非线性函数。没有它，无论堆叠多少层，网络都会退化成一个线性映射；有了它，网络才能弯曲决策边界。它的斜率 f′(z) 还决定了有多少梯度能反向流过这个单元。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>σ(z) = 1 / (1 + e&lt;sup&gt;−z&lt;/sup&gt;)&lt;br&gt;σ′(z) = σ(z) (1 − σ(z)) ≤ 0.25</source>
        <translation>σ(z) = 1 / (1 + e&lt;sup&gt;−z&lt;/sup&gt;)&lt;br&gt;σ′(z) = σ(z) (1 − σ(z)) ≤ 0.25</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Squashes any number into (0, 1), which makes it the natural output for a yes/no probability. In hidden layers it saturates easily and its slope is at most 0.25, so deep sigmoid networks suffer from vanishing gradients.</source>
        <translation>把任意数压缩到 (0, 1) 区间，因此天然适合作为是/否概率的输出。在隐藏层中它容易饱和，斜率最大只有 0.25，所以深层 sigmoid 网络会出现梯度消失。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tanh(z) = (e&lt;sup&gt;z&lt;/sup&gt; − e&lt;sup&gt;−z&lt;/sup&gt;) / (e&lt;sup&gt;z&lt;/sup&gt; + e&lt;sup&gt;−z&lt;/sup&gt;)&lt;br&gt;tanh′(z) = 1 − tanh&lt;sup&gt;2&lt;/sup&gt;(z) ≤ 1</source>
        <translation>tanh(z) = (e&lt;sup&gt;z&lt;/sup&gt; − e&lt;sup&gt;−z&lt;/sup&gt;) / (e&lt;sup&gt;z&lt;/sup&gt; + e&lt;sup&gt;−z&lt;/sup&gt;)&lt;br&gt;tanh′(z) = 1 − tanh&lt;sup&gt;2&lt;/sup&gt;(z) ≤ 1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Like the sigmoid but from −1 to 1 and centred on zero, with slope 1 at the origin. A good choice for small networks; it saturates for large |z| as the sigmoid does.</source>
        <translation>与 sigmoid 类似，但取值在 −1 到 1 之间、以零为中心，在原点处斜率为 1。适合小型网络；与 sigmoid 一样，|z| 很大时会饱和。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU(z) = max(0, z)&lt;br&gt;ReLU′(z) = 1 if z &amp;gt; 0, else 0</source>
        <translation>ReLU(z) = max(0, z)&lt;br&gt;ReLU′(z) = 1（若 z &amp;gt; 0），否则为 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lets positive values through unchanged and cuts negative ones to zero. Its slope is 1 wherever it is active, so gradients pass through deep stacks without shrinking, and each unit draws one straight fold in the plane. The price: a unit that is never active is dead.</source>
        <translation>正值原样通过，负值截为零。只要处于激活状态，它的斜率就是 1，所以梯度穿过很深的层也不会缩小；每个单元在平面上沿一条直线形成一道折痕。代价是：从不激活的单元就死亡了。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p&lt;sub&gt;k&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;k&lt;/sub&gt;&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt;&lt;/sup&gt;</source>
        <translation>p&lt;sub&gt;k&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;k&lt;/sub&gt;&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt;&lt;/sup&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turns the scores of the last layer into probabilities, one per class, that are positive and add up to 1. Used with the cross-entropy loss when there are more than two classes.</source>
        <translation>把最后一层的分数变成概率，每个类别一个，都为正且总和为 1。类别多于两个时，与交叉熵损失一起使用。</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <location filename="../../gui/help/glossary_dialog.py" line="+88"/>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search: SGD, EMA, gradient…</source>
        <translation>搜索：SGD、EMA、梯度……</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the entries whose title, formula or text contains every word typed</source>
        <translation>显示标题、公式或正文包含所输入的每个词的条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show Me</source>
        <translation>看示例</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Nothing matches “%1”.</source>
        <translation>没有与“%1”匹配的条目。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Open the example “%1”</source>
        <translation>打开示例“%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No example project shows this one yet</source>
        <translation>还没有演示这一条的示例项目</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Example:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, </source>
        <comment>between the links after See also</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>See also:</source>
        <translation>另见：</translation>
    </message>
</context>
<context>
    <name>GradientCheckDialog</name>
    <message>
        <location filename="../../gui/gradient_check.py" line="+136"/>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compares each parameter&apos;s gradient as backpropagation computes it with a central finite difference, (L(w + h) − L(w − h)) / 2h with h = 1e-6, in float64, with the current weights.</source>
        <translation>用当前权重、在 float64 下，把反向传播算出的每个参数的梯度与中心有限差分 (L(w + h) − L(w − h)) / 2h（h = 1e-6）进行比较。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Examples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loss is computed on this many examples: the first rows of the training set</source>
        <translation>在这么多个样本上计算损失：训练集的前几行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the gradient check on the current weights</source>
        <translation>在当前权重上运行梯度检验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the check</source>
        <translation>停止检验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters checked so far</source>
        <translation>已检验的参数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max abs error</source>
        <translation>最大绝对误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reading</source>
        <translation>判读</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>One row per parameter tensor (weights and biases of each layer)</source>
        <translation>每个参数张量一行（各层的权重和偏置）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How to read it: relative error = ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) per tensor. With float64 central differences, below 1e-7 is fine; between 1e-7 and 1e-4 look closer (a ReLU kink near an example can cause it); above 1e-4 is suspicious: the backward pass is probably wrong. Tensors whose every element differs by less than the round-off of the loss count as fine.</source>
        <translation>如何判读：每个张量的相对误差 = ‖解析 − 数值‖ / (‖解析‖ + ‖数值‖)。使用 float64 中心差分时，低于 1e-7 为正常；介于 1e-7 与 1e-4 之间需要细看（某个样本附近的 ReLU 拐点可能造成这种情况）；高于 1e-4 则可疑：反向传播很可能有错。若张量中每个元素的差都小于损失的舍入误差，也算正常。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Getting the current weights…</source>
        <translation>正在获取当前权重…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Checking…</source>
        <translation>正在检验…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>fine</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fine (round-off)</source>
        <translation>正常（舍入误差）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>look closer</source>
        <translation>需细看</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suspicious</source>
        <translation>可疑</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Largest relative error {worst} over {params} parameters on {rows} examples: {verdict}.</source>
        <translation>在 {rows} 个样本上检验了 {params} 个参数，最大相对误差为 {worst}：{verdict}。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The network has {n} parameters; the check perturbs each one twice, so at most {limit} are checked. Use a smaller network.</source>
        <translation>网络有 {n} 个参数；检验要对每个参数扰动两次，因此最多检验 {limit} 个。请使用更小的网络。</translation>
    </message>
</context>
<context>
    <name>GradientFlowView</name>
    <message>
        <location filename="../../gui/panels/gradient_flow.py" line="+47"/>
        <location line="+86"/>
        <source>Gradient flow</source>
        <translation>梯度流</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>dense layer (input → output)</source>
        <translation>全连接层（输入 → 输出）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+152"/>
        <source>activations&apos; largest slopes alone</source>
        <translation>仅激活函数的最大斜率</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>‖∂L/∂a‖ of the last batch</source>
        <translation>最后一个批次的 ‖∂L/∂a‖</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Each point is the size (L2 norm, log scale) of the gradient ∂L/∂a that reaches a dense layer&apos;s output on the backward pass, for the last training batch; the output layer shows ∂L/∂z when the loss reads its logits. The number on each link is the factor from one layer to the one before it: below 1 the gradient shrinks as it travels back, above 1 it grows. Each layer multiplies the gradient by its activation&apos;s slope f&apos;(z) and by its weights. The dashed line multiplies by the largest slope alone (the sigmoid&apos;s is 0.25, so n sigmoid layers shrink it like 0.25ⁿ): points far below the last layer&apos;s are vanishing gradients, the first layers then barely learn.</source>
        <translation>每个点是反向传播时到达一个全连接层输出的梯度 ∂L/∂a 的大小（L2 范数，对数刻度），取自最后一个训练批次；当损失直接读取输出层未经激活的 z 时，输出层显示的是 ∂L/∂z。每条连线上的数字是从一层到它前一层的倍数：小于 1 表示梯度在往回传时缩小，大于 1 表示变大。每一层都把梯度乘以其激活函数的斜率 f&apos;(z) 和它的权重。虚线只乘以最大斜率（sigmoid 的是 0.25，所以 n 个 sigmoid 层让梯度像 0.25ⁿ 那样缩小）：远低于最后一层的点就是梯度消失，前面的层因此几乎学不到东西。</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+11"/>
        <source>No gradient yet: train a step (Step or Play) to see how it flows back.</source>
        <translation>还没有梯度：训练一步（单步或播放）即可看到它如何往回流动。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>This network has no dense layer.</source>
        <translation>这个网络没有全连接层。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>activations&apos; largest slopes alone: {f} ≤ {m:.3g} per layer</source>
        <translation>仅激活函数的最大斜率：每层 {f} ≤ {m:.3g}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The gradient reaching the first layer is {ratio} times the one at the output, {n} layers back: on average ×{mean} per layer.</source>
        <translation>到达第一层的梯度是输出处梯度的 {ratio} 倍（往回 {n} 层）：平均每层 ×{mean}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} of the norms are not finite (the step diverged): they are not drawn.</source>
        <translation>有 {n} 个范数不是有限数（这一步发散了）：它们没有画出。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A norm of exactly zero cannot sit on a log scale: it is not drawn.</source>
        <translation>恰好为零的范数无法放在对数刻度上：它没有画出。</translation>
    </message>
</context>
<context>
    <name>GradientHistogramPanel</name>
    <message>
        <location filename="../../gui/panels/gradient_histograms.py" line="+43"/>
        <source>log₁₀ |gradient|</source>
        <extracomment>where the bar of exact zeros sits on the log10 |gradient| axis (left of its -12 edge)</extracomment>
        <translation>log₁₀ |梯度|</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>zero</source>
        <translation>零</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>Gradient histograms</source>
        <translation>梯度直方图</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>gradient (linear)</source>
        <translation>梯度（线性）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>log₁₀ |gradient|: the same bins for every layer, so a layer whose gradients vanish sits far to the left; linear: each layer&apos;s own range of gradient values</source>
        <translation>log₁₀ |梯度|：所有层使用相同的分箱，因此梯度消失的层会远远落在左边；线性：每层使用自己的梯度取值范围</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>How many of each layer&apos;s parameter gradients (weights and biases) have each size. x-axis on the log₁₀ scale: −3 means |∂L/∂w| ≈ 0.001; the grey bar at “zero” counts gradients that are exactly 0 (e.g. behind a dead ReLU). A layer far left of the others has vanishing gradients. Under each plot: the L2 norm of the same gradients.</source>
        <translation>每层参数梯度（权重和偏置）各种大小的个数。x 轴为 log₁₀ 刻度：−3 表示 |∂L/∂w| ≈ 0.001；“零”处的灰色柱统计恰好为 0 的梯度（例如死亡 ReLU 之后）。比其他层明显偏左的层存在梯度消失。每个图下方：这些梯度的 L2 范数。</translation>
    </message>
    <message>
        <source>How many of each layer&apos;s weight gradients (biases not included) have each size, on a log₁₀ scale: −3 means |∂L/∂w| ≈ 0.001; the grey bar at “zero” counts gradients that are exactly 0. A layer far left of the others has vanishing gradients. Under each plot: the L2 norm of all the layer&apos;s parameter gradients (weights and biases).</source>
        <translation type="vanished">每层的权重梯度（不含偏置）中各种大小的个数，按 log₁₀ 刻度：−3 表示 |∂L/∂w| ≈ 0.001；“零”处的灰色柱统计恰好为 0 的梯度。远在其他层左边的层出现了梯度消失。每个图下方：该层所有参数梯度（权重和偏置）的 L2 范数。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
</context>
<context>
    <name>GradientNormPanel</name>
    <message>
        <location filename="../../gui/panels/gradient_norms.py" line="+40"/>
        <source>Gradient norms</source>
        <extracomment>more layers than this: show this many, evenly spread by depth (200 curves are unreadable and slow) on a log axis any positive finite value can be drawn below this height per plot the plots go without titles height of one row of a legend (px), to tell whether it leaves its plot room</extracomment>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>L2 norm of all of each layer&apos;s parameter gradients (weights and biases) at each snapshot, on a log scale; colour = depth, dark near the input, light near the output. Curves of early layers far below the late ones: vanishing gradients; all rising steeply: exploding gradients.</source>
        <translation>每个快照时每层所有参数梯度（权重和偏置）的 L2 范数，对数刻度；颜色表示深度，靠近输入为深色，靠近输出为浅色。靠前层的曲线远低于靠后层：梯度消失；所有曲线都急剧上升：梯度爆炸。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gradient L2 norm per layer</source>
        <translation>每层梯度的 L2 范数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Update-to-weight ratio ‖ΔW‖ / ‖W‖</source>
        <translation>更新量与权重之比 ‖ΔW‖ / ‖W‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ratio</source>
        <translation>比值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>update-to-weight ratio</source>
        <translation>更新量与权重之比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also plot ‖ΔW‖ / ‖W‖ per layer (a rule of thumb wants it near 1e-3)</source>
        <translation>同时绘制每层的 ‖ΔW‖ / ‖W‖（经验上希望它在 1e-3 左右）</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Gradient norm per layer</source>
        <translation>每层的梯度范数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update-to-weight ratio per layer</source>
        <translation>每层的更新量与权重之比</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>showing {k} of {n} layers</source>
        <translation>显示 {n} 层中的 {k} 层</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../gui/help/menu.py" line="+100"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Glossary</source>
        <translation>术语表(&amp;G)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The words of the course: formulas, intuition and an example that shows each one</source>
        <translation>课程中的术语：公式、直观解释，以及演示每个术语的示例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every command that has a key, and its key</source>
        <translation>所有带快捷键的命令及其快捷键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Backprop Lab</source>
        <translation>关于 Backprop Lab(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version, licence, and the versions of Python, NumPy and Qt</source>
        <translation>版本、许可证，以及 Python、NumPy 和 Qt 的版本</translation>
    </message>
</context>
<context>
    <name>HistogramRow</name>
    <message>
        <location filename="../../gui/panels/histogram_row.py" line="+203"/>
        <source>count</source>
        <extracomment>below this width per layer the row scrolls sideways instead of squeezing at most this many plots at once; more layers are paged</extracomment>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>ImageGalleryPanel</name>
    <message>
        <location filename="../../gui/panels/image_gallery.py" line="+127"/>
        <location line="+127"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Training sample {row}: class {label}</source>
        <translation>训练样本 {row}：类别 {label}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Misclassified</source>
        <translation>错误分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training samples with their labels, a page at a time</source>
        <translation>带标签的训练样本，每次一页</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Validation examples the network gets wrong: true class → predicted class (red)</source>
        <translation>网络分错的验证样本：真实类别 → 预测类别（红色）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous page of samples</source>
        <translation>上一页样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page of samples</source>
        <translation>下一页样本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gallery shows image data: scikit-learn&apos;s digits or IDX (MNIST-format) files of pictures. Try File → Examples → MNIST-shaped digits.</source>
        <translation>图库显示图像数据：scikit-learn 的手写数字或 IDX（MNIST 格式）图片文件。试试 文件 → 示例 → MNIST 形状的手写数字。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Training samples {first}–{last} of {n} ({h}×{w} pixels), labels under each</source>
        <translation>训练样本 {first}–{last}，共 {n} 个（{h}×{w} 像素），标签在每幅图下方</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Misclassified examples appear here after a training step.</source>
        <translation>训练一步后，错误分类的样本会显示在这里。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No example the network was asked about is misclassified.</source>
        <translation>所评估的样本中没有被错误分类的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} misclassified {part} examples (the first {limit} at most): true → predicted</source>
        <translation>{n} 个错误分类的{part}样本（最多前 {limit} 个）：真实 → 预测</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Example {row}: true class {true}, predicted {predicted}</source>
        <translation>样本 {row}：真实类别 {true}，预测 {predicted}</translation>
    </message>
</context>
<context>
    <name>LandscapeWindow</name>
    <message>
        <location filename="../../gui/landscape_window.py" line="+311"/>
        <source>not finite</source>
        <translation>非有限值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>α = {a}, β = {b}: loss {loss}</source>
        <translation>α = {a}，β = {b}：损失 {loss}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Getting the current weights…</source>
        <translation>正在获取当前权重…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computing the loss on the grid…</source>
        <translation>正在计算网格上的损失…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Press Compute to draw the loss around the current weights.</source>
        <translation>按“计算”绘制当前权重周围的损失。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(The 3-D surface needs OpenGL, which is not available here: the contour map shows it.)</source>
        <translation>（三维曲面需要 OpenGL，此处不可用：由等高线图显示。）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loss at the centre (the current weights, ★): {center}. Grid {n}×{n} over α, β in [−{r}, {r}], computed in {seconds} s on {rows} of {total} training rows, in evaluation mode; directions drawn with seed {seed}.</source>
        <translation>中心（当前权重，★）处的损失：{center}。网格 {n}×{n}，α、β 取值于 [−{r}, {r}]，在评估模式下用 {total} 个训练样本中的 {rows} 个计算，耗时 {seconds} 秒；方向由种子 {seed} 抽取。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{k} grid points have a loss that is not finite: drawn as missing.</source>
        <translation>{k} 个网格点的损失不是有限值：按缺失绘制。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training path: {p} points collected while training, projected onto the plane (up to {off}% of a point&apos;s distance from the centre lies off the plane).</source>
        <translation>训练路径：训练时收集的 {p} 个点，投影到该平面上（一个点到中心的距离中最多有 {off}% 位于平面之外）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Two random directions are nearly perpendicular to the path in so many dimensions, so its projection is short.</source>
        <translation>在如此多的维度中，两个随机方向几乎与路径垂直，所以它的投影很短。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training path: train with this window open to collect points along the way.</source>
        <translation>训练路径：打开此窗口时进行训练，即可沿途收集点。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{k} path points of an earlier network were left out.</source>
        <translation>已略去 {k} 个属于先前网络的路径点。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grid points along each direction (odd, so the current weights are the centre point)</source>
        <translation>每个方向上的网格点数（奇数，使当前权重位于中心点）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;adius:</source>
        <translation>半径(&amp;A)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>α and β run from −radius to +radius; at 1 each unit&apos;s weights move by their own length</source>
        <translation>α 和 β 从 −半径 取到 +半径；取 1 时，每个单元的权重移动的距离等于其自身长度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Seed:</source>
        <translation>种子(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The random directions are drawn from this seed: the same seed, the same slice</source>
        <translation>随机方向由此种子抽取：种子相同，切片相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute the loss on the grid around the current weights</source>
        <translation>计算当前权重周围网格上的损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the computation</source>
        <translation>停止计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid points computed so far</source>
        <translation>已计算的网格点数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contour map of log₁₀ loss; ★ the current weights; the orange line the training path</source>
        <translation>log₁₀ 损失的等高线图；★ 为当前权重；橙色线为训练路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>α (direction 1)</source>
        <translation>α（方向 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β (direction 2)</source>
        <translation>β（方向 2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log₁₀ loss</source>
        <translation>log₁₀ 损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The same loss as a surface (height: log₁₀ loss); drag to turn it</source>
        <translation>同一损失的曲面（高度：log₁₀ 损失）；拖动以旋转</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A slice of the loss through the current weights θ: the loss of θ + α·d₁ + β·d₂ for two random directions d₁, d₂, filter-normalised as in Li et al. (2018): each unit&apos;s incoming weights in a direction are as long as its weights, biases and batch-norm parameters are not moved. A wide, flat basin around ★ is a minimum that small changes to the weights do not spoil; a slice shows only two of the network&apos;s many directions.</source>
        <translation>穿过当前权重 θ 的损失切片：对两个随机方向 d₁、d₂ 计算 θ + α·d₁ + β·d₂ 处的损失，方向按 Li 等人（2018）的方法做滤波器归一化：方向中每个单元的输入权重与其权重等长，偏置和批归一化参数不移动。★ 周围宽而平的盆地是权重的小改变不会破坏的极小值；一个切片只显示网络众多方向中的两个。</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../gui/i18n.py" line="+247"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of the window</source>
        <translation>窗口界面使用的语言</translation>
    </message>
</context>
<context>
    <name>LayerHistogramPanel</name>
    <message>
        <location filename="../../gui/panels/gradient_histograms.py" line="-214"/>
        <source>Previous layers</source>
        <translation>前面的层</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next layers</source>
        <translation>后面的层</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>no finite values</source>
        <translation>没有有限值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} not finite</source>
        <translation>{n} 个非有限值</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>layers {a}–{b} of {n}</source>
        <translation>第 {a}–{b} 层，共 {n} 层</translation>
    </message>
</context>
<context>
    <name>LayerInspector</name>
    <message>
        <location filename="../../gui/panels/inspector.py" line="+39"/>
        <source>Click a layer&apos;s title or a neuron on the network to see its settings.</source>
        <extracomment>a gui.commands.EditCommand</extracomment>
        <translation>点击网络中某层的标题或某个神经元，查看它的设置。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>dense layer</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropout</source>
        <translation>Dropout 层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch norm</source>
        <translation>批归一化层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>residual block</source>
        <translation>残差块</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Weight initialisation</source>
        <translation>权重初始化</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bias initialisation</source>
        <translation>偏置初始化</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>default for the activation</source>
        <translation>与激活函数相配的默认方式</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The function f applied to each neuron&apos;s sum, a = f(W·x + b): sigmoid and tanh saturate (vanishing gradients), ReLU can die (always 0), softmax turns outputs into class probabilities</source>
        <translation>作用在每个神经元加权和上的函数 f，a = f(W·x + b)：sigmoid 和 tanh 会饱和（梯度消失），ReLU 可能死亡（总输出 0），softmax 把输出变成类别概率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How the weights start: He (Kaiming) for ReLU, Glorot (Xavier) for tanh / sigmoid keep the signal&apos;s variance from layer to layer; default: the one that suits the activation</source>
        <translation>权重的初始方式：ReLU 用 He（Kaiming），tanh / sigmoid 用 Glorot（Xavier），使信号方差在层与层之间保持稳定；默认：与激活函数相配的方式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How the biases start; zeros is usual</source>
        <translation>偏置的初始方式；通常为零</translation>
    </message>
</context>
<context>
    <name>LockstepWindow</name>
    <message>
        <location filename="../../gui/lockstep_window.py" line="+62"/>
        <location line="+899"/>
        <source>the project as is</source>
        <extracomment>the thread makes at most this many frames a second how long closing the window waits for the thread (a step of four small networks takes milliseconds) characters of a variant&apos;s name in the loss plot&apos;s title at most training points drawn on a boundary at most</extracomment>
        <translation>项目原样</translation>
    </message>
    <message>
        <location line="-898"/>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any setting</source>
        <translation>任意设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The current project, unchanged</source>
        <translation>当前项目，不作改动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another optimizer: a name and settings, e.g. “adam lr=0.01” or “sgd momentum=0.9” (the project&apos;s learning rate unless given)</source>
        <translation>另一个优化器：名称和设置，例如“adam lr=0.01”或“sgd momentum=0.9”（未给出时用项目的学习率）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Another weight initialisation, e.g. “he_normal” or “normal std=1”: this variant draws its own initial weights with the same seed</source>
        <translation>另一种权重初始化，例如“he_normal”或“normal std=1”：此变体用相同的种子抽取自己的初始权重</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Another activation of every hidden layer or of one, e.g. “relu”</source>
        <translation>所有隐藏层或其中一层的另一种激活函数，例如“relu”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another number of units in one hidden layer: its weights have other shapes, so it draws its own with the same seed</source>
        <translation>某个隐藏层的另一个单元数：其权重形状不同，因此用相同的种子抽取自己的权重</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Another batch size: a number of rows, or “full” for the whole training set</source>
        <translation>另一个批大小：行数，或“full”表示整个训练集</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any setting of the project file as KEY=VALUE, several separated by “;”, e.g. “optimizer.weight_decay=0.001; training.grad_clip=1”</source>
        <translation>项目文件中的任意设置，写作 KEY=VALUE，多个用“;”分隔，例如“optimizer.weight_decay=0.001; training.grad_clip=1”</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>same initial weights as the others</source>
        <translation>与其他变体相同的初始权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>own initial weights (its shapes differ), drawn with the same seed</source>
        <translation>自己的初始权重（形状不同），用相同的种子抽取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>own initial weights from its initialisation, same seed</source>
        <translation>由其初始化得到的自己的初始权重，相同的种子</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give a value for this variant.</source>
        <translation>请为此变体给出一个值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a name, then settings as KEY=VALUE: {value}</source>
        <translation>请先写名称，再写 KEY=VALUE 形式的设置：{value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A whole number of at least 1, please: {value}</source>
        <translation>请给出至少为 1 的整数：{value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write KEY=VALUE, e.g. optimizer.lr=0.01: {value}</source>
        <translation>请写 KEY=VALUE，例如 optimizer.lr=0.01：{value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network has no such hidden layer.</source>
        <translation>网络中没有这个隐藏层。</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Loss and accuracy of this variant on the whole training and validation sets, at this step</source>
        <translation>此变体在当前步时于整个训练集和验证集上的损失与准确率</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>step {step} · epoch {epoch:.2f}</source>
        <translation>第 {step} 步 · 第 {epoch:.2f} 轮</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>loss {train} · validation {val}</source>
        <translation>损失 {train} · 验证 {val}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>acc. {acc}</source>
        <translation>准确率 {acc}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batch {n}</source>
        <translation>批大小 {n}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>steps per epoch: {n}</source>
        <translation>每轮步数：{n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>other data or seed: other batches</source>
        <translation>数据或种子不同：批次不同</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>Stopped: {reason}</source>
        <translation>已停止：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What this variant changes in the project</source>
        <translation>此变体改动项目中的什么</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which hidden layer the change applies to</source>
        <translation>改动作用于哪个隐藏层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all hidden layers</source>
        <translation>所有隐藏层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave this variant out of the race</source>
        <translation>将此变体移出竞赛</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gradients: log₁₀ |∂L/∂θ| per layer</source>
        <translation>梯度：每层的 log₁₀ |∂L/∂θ|</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many of each layer&apos;s parameter gradients have each size, on the same scale for every layer (one curve per layer, dark = near the input): a layer far left of the others has vanishing gradients. Exact zeros and values that are not finite are counted under the plot.</source>
        <translation>每层参数梯度中各个大小的数量，所有层使用同一刻度（每层一条曲线，深色 = 靠近输入）：远在其他层左侧的层存在梯度消失。恰好为零的值和非有限值在图下方计数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This variant&apos;s output over the input plane (its decision boundary), with the training points; blank where the output is not finite</source>
        <translation>此变体在输入平面上的输出（其决策边界）及训练点；输出非有限处留白</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>not finite: no boundary</source>
        <translation>非有限：无边界</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no input plane to draw</source>
        <translation>没有可绘制的输入平面</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} outputs not finite (not drawn)</source>
        <translation>{n} 个输出非有限（未绘制）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{n} outputs not finite (blank)</source>
        <translation>{n} 个输出非有限（留白）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{n:,} exactly zero</source>
        <translation>{n:,} 个恰好为零</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n:,} not finite</source>
        <translation>{n:,} 个非有限</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>Correct the variants marked in red to start the race.</source>
        <translation>请更正标红的变体以开始竞赛。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Asking for the current run&apos;s weights…</source>
        <translation>正在获取当前运行的权重…</translation>
    </message>
    <message>
        <location line="+81"/>
        <location line="+23"/>
        <location line="+142"/>
        <source>Step {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Not started: {reason}</source>
        <translation>未开始：{reason}</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+92"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="-90"/>
        <location line="+91"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>(layer {n})</source>
        <translation>（第 {n} 层）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Race variants in lock step</source>
        <translation>变体同步竞赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add variant</source>
        <translation>添加变体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another variant beside the others (at most four)</source>
        <translation>在其他变体旁再加一个变体（最多四个）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the project&apos;s initial weights</source>
        <translation>项目的初始权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the current run&apos;s weights</source>
        <translation>当前运行的权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every variant whose weights have the same shapes starts from these same weights</source>
        <translation>权重形状相同的每个变体都从这组相同的权重开始</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Train every variant step for step, animated (P)</source>
        <translation>逐步同步训练每个变体，并以动画显示（P）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One optimizer step of every variant (.)</source>
        <translation>每个变体执行一步优化（.）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to step 0 with the variants as they are now</source>
        <translation>以当前的变体设置回到第 0 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steps per frame</source>
        <translation>每帧步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many steps every variant takes between two pictures</source>
        <translation>两幅画面之间每个变体执行的步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop at</source>
        <translation>停止于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The race pauses after this many steps</source>
        <translation>竞赛在这么多步后暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x axis</source>
        <translation>x 轴</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Steps: the same number of updates for every variant; epochs: the same amount of data seen</source>
        <translation>步：每个变体的更新次数相同；轮：看过的数据量相同</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every variant&apos;s loss, one colour per variant: the thin line is the loss of each training batch, the dashed line with dots the validation loss at the end of each epoch</source>
        <translation>每个变体的损失，每个变体一种颜色：细线是每个训练批次的损失，带点的虚线是每轮结束时的验证损失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every variant trains a copy of the network, step for step. Variants whose weights have the same shapes start from the same weights; all draw their batches from the same shuffled order of the training rows, epoch after epoch. With the same batch size they see the same batch at every step; a larger batch takes more rows of that order per step, so it is further along in the same sequence of epochs (choose the epoch axis to compare the data seen).</source>
        <translation>每个变体逐步训练网络的一个副本。权重形状相同的变体从相同的权重开始；所有变体都按训练行的同一打乱顺序一轮接一轮地取批次。批大小相同时，它们每一步看到的是同一个批次；批次更大的变体每步按该顺序取更多的行，因此在同一轮次序列中走得更远（选择“轮”作为横轴可比较看过的数据量）。</translation>
    </message>
</context>
<context>
    <name>LogSlider</name>
    <message>
        <location filename="../../gui/forms.py" line="+256"/>
        <source>Drag: learning rate on a logarithmic scale from 1e-6 to 10</source>
        <translation>拖动：在 1e-6 到 10 的对数刻度上调整学习率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type the learning rate (for example 0.01 or 3e-4); Enter applies it</source>
        <translation>输入学习率（例如 0.01 或 3e-4）；按回车生效</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <location filename="../../gui/panels/loss_plot.py" line="+45"/>
        <location line="+34"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>log y</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logarithmic loss axis: shows progress when the loss is already small</source>
        <translation>对数损失轴：损失已经很小时仍能看出进展</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>batch loss</source>
        <translation>批次损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accuracy %</source>
        <translation>准确率 %</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Rewind to This Step</source>
        <translation>回退到这一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to the step under the mouse and continue from there</source>
        <translation>回到鼠标所指的那一步，并从那里继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Branch from This Step…</source>
        <translation>从此步分支…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep this run in the run history and continue from the step under the mouse as a new run</source>
        <translation>将此运行保存在运行历史中，并从鼠标所指的步作为新的运行继续</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loss ({name}, in the target&apos;s units)</source>
        <translation>损失（{name}，以目标本身的单位）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss ({name}, of the standardised target)</source>
        <translation>损失（{name}，标准化后的目标）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss ({name})</source>
        <translation>损失（{name}）</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Rewind to Step {n}</source>
        <translation>回退到第 {n} 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branch from Step {n}…</source>
        <translation>从第 {n} 步分支…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loss over training steps</source>
        <translation>损失随训练步数的变化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy over training steps</source>
        <translation>准确率随训练步数的变化</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loss after each step: the faint line is the loss of each mini-batch (noisy); the markers are the loss on the whole training and validation sets, measured at the end of each epoch. Validation rising while training falls means overfitting.</source>
        <translation>每一步之后的损失：淡色线是每个小批量的损失（有噪声）；标记点是在每个轮次结束时，在整个训练集和验证集上测得的损失。训练损失下降而验证损失上升意味着过拟合。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Below: the share of examples classified correctly.</source>
        <translation>下图：被正确分类的样本所占的比例。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/window_layout.py" line="+38"/>
        <source>Backprop Lab</source>
        <translation>Backprop Lab</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Tip: + / − change a layer&apos;s neurons · the ⋯ menu inserts dropout, batch norm or a residual block · drag a layer&apos;s title to move it · hover a weight or neuron for values</source>
        <translation>提示：+ / − 改变一层的神经元个数 · ⋯ 菜单可插入 Dropout、批量归一化或残差块 · 拖动层的标题可以移动它 · 悬停在权重或神经元上查看数值</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gradient histograms</source>
        <translation>梯度直方图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weight histograms</source>
        <translation>权重直方图</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Doctor</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ROC / PR</source>
        <translation>ROC / PR</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../gui/window_actions.py" line="+52"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new project</source>
        <translation>新建一个项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a project file</source>
        <translation>打开项目文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the project under a new name</source>
        <translation>以新的名称保存项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export &amp;Weights…</source>
        <translation>导出权重(&amp;W)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the trained weights (.npz)</source>
        <translation>保存训练好的权重（.npz）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Load Weights…</source>
        <translation>载入权重(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start from weights saved earlier (.npz)</source>
        <translation>从之前保存的权重开始（.npz）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export &amp;History…</source>
        <translation>导出历史(&amp;H)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the loss history (CSV)</source>
        <translation>保存损失历史（CSV）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export All &amp;Results…</source>
        <translation>导出全部结果(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Project, weights, history, report and every plot into one folder</source>
        <translation>把项目、权重、历史、报告和所有图表导出到一个文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Model as ONN&amp;X…</source>
        <translation>将模型导出为 ONNX(&amp;X)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The trained network with its input scaling, for ONNX Runtime and other tools (.onnx)</source>
        <translation>训练好的网络及其输入缩放，供 ONNX Runtime 等工具使用 (.onnx)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Model as P&amp;yTorch Code…</source>
        <translation>将模型导出为 PyTorch 代码(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A Python script that builds the same network in PyTorch, and the weights it loads</source>
        <translation>一个用 PyTorch 构建相同网络的 Python 脚本，以及它加载的权重文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="+362"/>
        <location filename="../../gui/window_actions.py" line="+6"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../gui/window_actions.py" line="+3"/>
        <source>Train continuously (Space)</source>
        <translation>持续训练（空格键）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train on one batch (one optimizer step)</source>
        <translation>用一个批次训练（一次优化器步）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Epoch</source>
        <translation>一轮</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train for one epoch</source>
        <translation>训练一个轮次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re-initialise the weights and clear the history</source>
        <translation>重新初始化权重并清空历史</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Hidden Layer</source>
        <translation>添加隐藏层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A hidden layer before the output</source>
        <translation>在输出层之前添加一个隐藏层</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove Hidden Layer</source>
        <translation>删除隐藏层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove the hidden layer nearest the output</source>
        <translation>删除最靠近输出层的隐藏层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore Default Layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;wind…</source>
        <translation>回退(&amp;W)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go back to an earlier step of this run and continue from there</source>
        <translation>回到这次训练中较早的一步，并从那里继续</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Branch Here</source>
        <translation>在此分支(&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep this run in the run history and continue from here as a new run: change settings, then Play</source>
        <translation>将此运行保存在运行历史中，并从此处作为新的运行继续：先更改设置，再播放</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S&amp;weep…</source>
        <translation>参数扫描(&amp;W)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train many variants of this project and compare them</source>
        <translation>训练此项目的多个变体并加以比较</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use your own CSV file: choose the target, each column&apos;s role and missing values</source>
        <translation>使用你自己的 CSV 文件：选择目标列、每一列的作用和缺失值的处理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Gradient Check…</source>
        <translation>梯度检验(&amp;G)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare backpropagation&apos;s gradients with finite differences on the current weights</source>
        <translation>在当前权重上把反向传播的梯度与有限差分进行比较</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step Through &amp;Backpropagation…</source>
        <translation>逐步查看反向传播(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One example&apos;s computation graph, walked forward and back with the chain rule</source>
        <translation>一个样本的计算图：前向逐步计算，再用链式法则逐步反向</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply One &amp;Update…</source>
        <translation>应用一次更新(&amp;U)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One optimizer step on one example: old value, gradient, update and new value</source>
        <translation>在一个样本上做一次优化器步：旧值、梯度、更新量和新值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Optimizer &amp;Race…</source>
        <translation>优化器竞赛(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Several optimizers from one start on a 2-D loss surface, their paths animated</source>
        <translation>几个优化器从同一起点出发，在二维损失曲面上前进，动画显示它们的路径</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export &amp;Plot</source>
        <translation>导出图表(&amp;P)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Network</source>
        <translation>网络(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Inspect</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>E&amp;xperiments</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="-216"/>
        <source>Back at step {step} ({replayed} steps replayed from a checkpoint)</source>
        <translation>已回到第 {step} 步（从检查点重放了 {replayed} 步）</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Weights re-initialised, history cleared</source>
        <translation>权重已重新初始化，历史已清空</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}{star} — Backprop Lab</source>
        <translation>{name}{star} — Backprop Lab</translation>
    </message>
    <message>
        <location filename="../../gui/experiment_actions.py" line="+40"/>
        <source>Cannot open this run&apos;s project: {reason}</source>
        <translation>无法打开这次运行的项目：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/inspect_views.py" line="+29"/>
        <source>Gradient &amp;Flow</source>
        <translation>梯度流(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the gradient&apos;s size changes from layer to layer on its way back</source>
        <translation>梯度在往回传的过程中大小如何逐层变化</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Activation Explorer</source>
        <translation>激活函数探索器(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each activation and its slope, with the network&apos;s pre-activations over them</source>
        <translation>每个激活函数及其斜率，并叠加显示网络的预激活值</translation>
    </message>
    <message>
        <location filename="../../gui/ema_descent_actions.py" line="+18"/>
        <source>&amp;Momentum as an Average…</source>
        <translation>动量即平均(&amp;M)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A noisy series with its moving average and its exponentially weighted average (β)</source>
        <translation>一个含噪声的序列，及其移动平均和指数加权平均（β）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Batch vs &amp;Stochastic vs Mini-batch…</source>
        <translation>批量、随机与小批量对比(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train three copies from the same weights with batch size all, 1 and k, and overlay them</source>
        <translation>从相同权重训练批大小为全部、1 和 k 的三个副本，并叠加显示</translation>
    </message>
    <message>
        <location filename="../../gui/compare_window.py" line="+17"/>
        <source>&amp;Compare Optimizers…</source>
        <translation>比较优化器(&amp;C)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train the current network with several optimizers from the same weights and batches</source>
        <translation>用几个优化器从相同的权重和批次出发训练当前网络</translation>
    </message>
    <message>
        <location filename="../../gui/panels/optimizer_internals.py" line="+331"/>
        <source>&amp;Optimizer Internals…</source>
        <translation>优化器内部状态(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Per layer, the optimizer&apos;s state (momentum, AdaGrad&apos;s sum, Adam&apos;s moments) and its step, over time</source>
        <translation>逐层查看优化器的状态（动量、AdaGrad 的累加和、Adam 的矩估计）及其步长随时间的变化</translation>
    </message>
    <message>
        <location filename="../../gui/landscape_window.py" line="+32"/>
        <source>&amp;Loss Landscape…</source>
        <translation>损失地形(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loss around the current weights along two random directions, with the training path</source>
        <translation>沿两个随机方向的当前权重周围的损失，以及训练路径</translation>
    </message>
    <message>
        <location filename="../../gui/lockstep_window.py" line="+24"/>
        <source>Race Variants in &amp;Lock Step…</source>
        <translation>变体同步竞赛(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train two to four variants of this project side by side, from the same weights on the same batches</source>
        <translation>从相同的权重、在相同的批次上并排训练此项目的二到四个变体</translation>
    </message>
    <message>
        <location filename="../../gui/bundle_actions.py" line="-107"/>
        <source>Export Reproducible &amp;Bundle…</source>
        <translation>导出可复现包(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Project, seed, initial and final weights, history, data, every plot and a NumPy-only script that retrains the network and checks it reaches the same weights (folder or .zip)</source>
        <translation>项目、随机种子、初始与最终权重、训练历史、数据、所有图表，以及一个只依赖 NumPy 的脚本：它重新训练网络并核对能否得到相同的权重（文件夹或压缩包）</translation>
    </message>
</context>
<context>
    <name>NetworkCanvas</name>
    <message>
        <location filename="../../gui/panels/canvas_items.py" line="+203"/>
        <source>… {n} more</source>
        <extracomment>the first layer under switchable input features: the input slot of each of its inputs</extracomment>
        <translation>… 还有 {n} 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../gui/panels/layer_card.py" line="+94"/>
        <source>Click to inspect, drag to move this layer</source>
        <translation>点击查看，拖动可移动这一层</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Insert, wrap, move or remove</source>
        <translation>插入、包装、移动或删除</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One neuron fewer</source>
        <translation>减少一个神经元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One neuron more</source>
        <translation>增加一个神经元</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Activation function</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>default init</source>
        <translation>默认初始化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weight initialisation (changing it re-initialises the weights)</source>
        <translation>权重初始化（更改会重新初始化权重）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dense</source>
        <translation>全连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch norm</source>
        <translation>批归一化</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} units</source>
        <translation>{n} 个单元</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>rate {rate}</source>
        <translation>比率 {rate}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>normalise per unit</source>
        <translation>按单元归一化</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Insert dense layer before</source>
        <translation>在前面插入全连接层</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Insert dropout after</source>
        <translation>在后面插入 Dropout 层</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Insert batch norm after</source>
        <translation>在后面插入批归一化层</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unwrap residual block</source>
        <translation>拆开残差块</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrap in residual block</source>
        <translation>包进残差块</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move left</source>
        <translation>左移</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move right</source>
        <translation>右移</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove layer</source>
        <translation>删除该层</translation>
    </message>
    <message>
        <location filename="../../gui/panels/network_canvas.py" line="+329"/>
        <source>, gradient {value}</source>
        <extracomment>a typed value: weights path (&quot;layers.0&quot;), &quot;weight&quot; or &quot;bias&quot;, index tuple, value data with two raw inputs: the candidate features&apos; slots the network takes, in its input order (gui.feature_inputs); None: the input column is drawn as the inputs counters a test (and the benchmark) reads: full drawings, and column bodies made</extracomment>
        <translation>，梯度 {value}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>input {name}</source>
        <translation>输入 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, bias {value}</source>
        <translation>，偏置 {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} unit {unit}</source>
        <translation>{path} 单元 {unit}</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Output for class {name}</source>
        <translation>类别 {name} 的输出</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Weights into {path} unit {unit}, as the {h}×{w} picture they multiply: blue positive, orange negative, white 0 (full colour at |w| ≥ {scale})</source>
        <translation>进入 {path} 单元 {unit} 的权重，排成它们所乘的 {h}×{w} 图片：蓝色为正，橙色为负，白色为 0（|w| ≥ {scale} 时颜色最深）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>+ skip (residual)</source>
        <translation>+ 跳跃连接（残差）</translation>
    </message>
</context>
<context>
    <name>OptimizerInternals</name>
    <message>
        <location filename="../../gui/panels/optimizer_internals.py" line="-295"/>
        <source>momentum_buffer (momentum&apos;s running sum of gradients)</source>
        <translation>momentum_buffer（动量：梯度的滑动累加）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sum (AdaGrad: every squared gradient added up)</source>
        <translation>sum（AdaGrad：所有梯度平方的累加和）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>square_avg (RMSprop: moving average of g²)</source>
        <translation>square_avg（RMSprop：g² 的滑动平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grad_avg (centred RMSprop: moving average of g)</source>
        <translation>grad_avg（中心化 RMSprop：g 的滑动平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exp_avg (Adam&apos;s m: moving average of g)</source>
        <translation>exp_avg（Adam 的 m：g 的滑动平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exp_avg_sq (Adam&apos;s v: moving average of g²)</source>
        <translation>exp_avg_sq（Adam 的 v：g² 的滑动平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_exp_avg_sq (AMSGrad: the largest v so far)</source>
        <translation>max_exp_avg_sq（AMSGrad：迄今最大的 v）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>exp_avg_hat = exp_avg / (1 − β1^t) (Adam&apos;s bias-corrected m)</source>
        <translation>exp_avg_hat = exp_avg / (1 − β1^t)（Adam 偏差校正后的 m）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>exp_avg_sq_hat = exp_avg_sq / (1 − β2^t) (Adam&apos;s bias-corrected v)</source>
        <translation>exp_avg_sq_hat = exp_avg_sq / (1 − β2^t)（Adam 偏差校正后的 v）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>|update| / lr (the effective step per unit learning rate)</source>
        <translation>|更新量| / lr（每单位学习率的实际步长）</translation>
    </message>
</context>
<context>
    <name>OptimizerInternalsWindow</name>
    <message>
        <location line="+126"/>
        <source>Not available: {0}</source>
        <translation>无法获取：{0}</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+98"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>No optimizer step yet: press Step or Play.</source>
        <translation>还没有优化器步骤：请按“单步”或“播放”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} holds no state yet (step {1}): take a step.</source>
        <translation>{0} 还没有状态（第 {1} 步）：请先走一步。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{optimizer}, step {step} (the optimizer&apos;s own step {own}), lr {lr}</source>
        <translation>{optimizer}，第 {step} 步（优化器自身的第 {own} 步），lr {lr}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; {0} values exactly 0 (not drawn: log10 of 0)</source>
        <translation>；{0} 个值恰好为 0（未绘制：0 的 log10 不存在）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {0} values not finite (not drawn)</source>
        <translation>；{0} 个值不是有限数（未绘制）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {0} values outside 1e-12 … 1e4 (not drawn)</source>
        <translation>；{0} 个值超出 1e-12 … 1e4（未绘制）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; the step is measured from the first step after the window opened</source>
        <translation>；步长从窗口打开后的第一步开始测量</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Optimizer internals</source>
        <translation>优化器内部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which part of the optimizer&apos;s state to show, by the names PyTorch gives it</source>
        <translation>显示优化器状态的哪一部分（使用 PyTorch 中的名称）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One picture per layer: training steps left to right, the size of the values (log10 |value|) bottom to top, darker where more of the layer&apos;s parameters are. AdaGrad&apos;s sum only grows (every squared gradient is added to it), so its step lr·g/√sum shrinks as training goes on: watch |update| / lr slide down. Adam&apos;s m and v start at 0 and would make the first steps tiny; the bias correction m/(1 − β1^t) and v/(1 − β2^t) undoes that: at the first step the corrected m divided by the square root of the corrected v is ±1, so |update| / lr is about 1: full-size steps from the start.</source>
        <translation>每层一张图：从左到右是训练步数，从下到上是数值的大小（log10 |值|），该层参数越多处颜色越深。AdaGrad 的累加和只增不减（每个梯度的平方都加进去），所以它的步长 学习率·g/√累加和 随训练不断变小：可以看到 |更新量| / 学习率 逐渐下滑。Adam 的 m 和 v 从 0 开始，本会使最初几步非常小；偏差校正 m/(1 − β1^t) 和 v/(1 − β2^t) 抵消了这一点：第一步时校正后的 m 除以校正后 v 的平方根等于 ±1，所以 |更新量| / 学习率 约为 1：从一开始就是完整大小的步长。</translation>
    </message>
</context>
<context>
    <name>OptimizerList</name>
    <message>
        <location filename="../../gui/panels/race_optimizers.py" line="+215"/>
        <source>Add optimizer</source>
        <translation>添加优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another optimizer in the race (up to eight)</source>
        <translation>在竞赛中再加一个优化器（最多八个）</translation>
    </message>
</context>
<context>
    <name>OptimizerRow</name>
    <message>
        <location filename="../../gui/compare_window.py" line="-287"/>
        <location filename="../../gui/panels/race_optimizers.py" line="-192"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SGD with momentum 0.9</source>
        <translation>带动量 0.9 的 SGD</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The optimizer of this run</source>
        <translation>这次运行的优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This run&apos;s learning rate</source>
        <translation>这次运行的学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave this optimizer out of the comparison</source>
        <translation>把这个优化器从比较中去掉</translation>
    </message>
    <message>
        <location filename="../../gui/panels/race_optimizers.py" line="+1"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nesterov</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β₁</source>
        <translation>β₁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β₂</source>
        <translation>β₂</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much of the last step is kept: buf = momentum · buf + g</source>
        <translation>保留上一步的多少：buf = momentum · buf + g</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay of the running average of squared gradients</source>
        <translation>梯度平方滑动平均的衰减率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay of the first moment (the average gradient)</source>
        <translation>一阶矩（梯度的平均）的衰减率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay of the second moment (the average squared gradient)</source>
        <translation>二阶矩（梯度平方的平均）的衰减率</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>The optimizer (the engine&apos;s own class, as used in training)</source>
        <translation>优化器（引擎自己的类，与训练中使用的相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this optimizer from the race</source>
        <translation>把这个优化器移出竞赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This optimizer&apos;s colour on the map and in the loss plot</source>
        <translation>这个优化器在地图和损失图中的颜色</translation>
    </message>
</context>
<context>
    <name>OutputPanel</name>
    <message>
        <location filename="../../gui/panels/output_view.py" line="+55"/>
        <location line="+107"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Predicted vs true ({part} set)</source>
        <translation>预测值与真实值（{part}集）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <location filename="../../gui/panels/output_predictions.py" line="+29"/>
        <location filename="../../gui/panels/output_view.py" line="+1"/>
        <source>Fitted curve</source>
        <extracomment>at most this many training (and validation) points are drawn over the plane a confusion matrix of more classes shows colours without counts (400 texts at most)</extracomment>
        <translation>拟合曲线</translation>
    </message>
    <message>
        <location filename="../../gui/panels/output_view.py" line="+1"/>
        <source>Predicted against true values</source>
        <translation>预测值与真实值的对比</translation>
    </message>
    <message>
        <location filename="../../gui/panels/output_predictions.py" line="+98"/>
        <location filename="../../gui/panels/output_view.py" line="+1"/>
        <location line="+108"/>
        <location line="+14"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../../gui/panels/output_view.py" line="-119"/>
        <source>Neuron output over the input plane</source>
        <translation>神经元在输入平面上的输出</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>class {i}</source>
        <translation>类别 {i}</translation>
    </message>
    <message>
        <location filename="../../gui/panels/output_predictions.py" line="-88"/>
        <location line="+117"/>
        <location filename="../../gui/panels/output_view.py" line="+40"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+109"/>
        <location filename="../../gui/panels/output_view.py" line="+0"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../gui/panels/output_view.py" line="+6"/>
        <source>Showing {n} of {total} points, chosen at random.</source>
        <translation>随机显示了 {total} 个点中的 {n} 个。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+14"/>
        <source>Decision map</source>
        <translation>决策图</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With more than two inputs: the decision map on a plane through the data, or the confusion matrix</source>
        <translation>输入多于两个时：穿过数据的平面上的决策图，或混淆矩阵</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Horizontal axis: the first principal component, or one input</source>
        <translation>横轴：第一主成分，或某一个输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertical axis: the second principal component, or one input</source>
        <translation>纵轴：第二主成分，或某一个输入</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose two different inputs for the two axes.</source>
        <translation>请为两条坐标轴选择两个不同的输入。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>PC{n} ({share} % of the variance)</source>
        <translation>PC{n}（占方差的 {share} %）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>With {n} inputs the map is drawn on the plane of the first two principal components of the network&apos;s inputs, through their mean; the points are projected onto it, so neighbours on the plane may be far apart in the full space.</source>
        <translation>有 {n} 个输入时，决策图画在网络输入的前两个主成分张成、穿过其均值的平面上；各点投影到这个平面上，所以平面上相邻的点在完整空间中可能相距很远。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The other inputs are held at their training means.</source>
        <translation>其他输入固定为它们在训练集上的均值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decision boundary: P({name})</source>
        <translation>决策边界：P({name})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The network&apos;s probability of {name} at every point of the input plane: white is 0.5, the decision boundary. Circles: training points, triangles: validation points, in their true class&apos;s colour; a point on the other colour is misclassified.</source>
        <translation>网络在输入平面上每一点给出 {name} 的概率：白色为 0.5，即决策边界。圆点：训练点，三角形：验证点，颜色为其真实类别的颜色；落在另一种颜色上的点被分错了。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>confidence (pale = unsure)</source>
        <translation>置信度（越淡越不确定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision boundary: predicted class</source>
        <translation>决策边界：预测类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The class the network predicts at every point of the input plane, pale where it is unsure. Circles: training points, triangles: validation points, in their true class&apos;s colour.</source>
        <translation>网络在输入平面上每一点预测的类别，不确定的地方颜色较淡。圆点：训练点，三角形：验证点，颜色为其真实类别的颜色。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>unit output</source>
        <translation>单元输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neuron {unit} of {layer}</source>
        <translation>{layer} 的第 {unit} 个神经元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The output of one hidden unit at every point of the input plane (purple negative, white 0, green positive): the piece of the boundary this unit contributes. Move the mouse off it to go back.</source>
        <translation>一个隐藏单元在输入平面上每一点的输出（紫色为负，白色为 0，绿色为正）：这个单元为边界贡献的那一部分。把鼠标移开即可返回。</translation>
    </message>
    <message>
        <location filename="../../gui/panels/output_predictions.py" line="-124"/>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>network output</source>
        <translation>网络输出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The network&apos;s output for every input value (the dark line) over the training (circles) and validation (triangles) examples: a good fit follows the trend, not every noisy point.</source>
        <translation>网络对每个输入值的输出（深色线），叠加在训练样本（圆点）和验证样本（三角形）上：好的拟合跟随趋势，而不是每个带噪声的点。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Predicted vs true</source>
        <translation>预测值与真实值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true value</source>
        <translation>真实值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted value</source>
        <translation>预测值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each point is one example: its true target across, the network&apos;s prediction up. A perfect model puts every point on the dashed line y = x.</source>
        <translation>每个点是一个样本：横轴是它的真实目标值，纵轴是网络的预测。完美的模型会把每个点都放在虚线 y = x 上。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row: the true class, column: the class the network predicted; each cell counts examples, so the diagonal holds the correct ones and any other cell a kind of mistake.</source>
        <translation>行：真实类别，列：网络预测的类别；每个格子统计样本数，因此对角线上是预测正确的样本，其他格子各是一种错误。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Confusion matrix ({part} set, n = {n}, accuracy {acc:.1f} %)</source>
        <translation>混淆矩阵（{part}集，n = {n}，准确率 {acc:.1f} %）</translation>
    </message>
</context>
<context>
    <name>PaintTool</name>
    <message>
        <location filename="../../gui/panels/paint_data.py" line="+150"/>
        <source>Paint a point of class {name}</source>
        <translation>绘制一个类别 {name} 的点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paint {n} points of class {name}</source>
        <translation>绘制 {n} 个类别 {name} 的点</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The last point cannot be removed: the data needs at least one row.</source>
        <translation>无法删除最后一个点：数据至少需要一行。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove a point of class {name}</source>
        <translation>删除一个类别 {name} 的点</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Paint</source>
        <translation>绘制</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paint the data: click to add a point of the chosen class, drag to paint several, right-click to remove the nearest point. Each click or drag is one edit (Undo takes it back); the data is saved with the project as inline points. Escape leaves paint mode.</source>
        <translation>绘制数据：单击添加一个所选类别的点，拖动可连续绘制多个点，右键单击删除最近的点。每次单击或拖动都是一次编辑（可撤销）；数据以内联点的形式随项目保存。按 Esc 退出绘制模式。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The class of the points you paint</source>
        <translation>所绘制的点的类别</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Paint mode: click to add a point of the chosen class, drag to paint, right-click to remove the nearest point; Escape leaves.</source>
        <translation>绘制模式：单击添加所选类别的点，拖动连续绘制，右键单击删除最近的点；按 Esc 退出。</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <location filename="../../gui/forms.py" line="-54"/>
        <source>auto</source>
        <extracomment>the first value a click up gives a number box that holds 0 (a power of ten of the size people use for that parameter); others get 0.1</extracomment>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/explanations.py" line="+7"/>
        <source>learning rate</source>
        <extracomment>the label shown before each parameter&apos;s field (its project-file key, in words)</extracomment>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dampening</source>
        <translation>阻尼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lr decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>initial accumulator value</source>
        <translation>累加器初始值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>eps</source>
        <translation>ε</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>alpha</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>centered</source>
        <translation>中心化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>betas</source>
        <translation>β₁, β₂</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>amsgrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step size</source>
        <translation>步长（轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gamma</source>
        <translation>γ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T max</source>
        <translation>T_max</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>eta min</source>
        <translation>η_min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rate</source>
        <translation>比率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>negative slope</source>
        <translation>负斜率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>init</source>
        <translation>初始值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approximate</source>
        <translation>近似方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beta</source>
        <translation>β</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a</source>
        <translation>a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gain</source>
        <translation>增益</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mode</source>
        <translation>模式</translation>
    </message>
</context>
<context>
    <name>RaceWindow</name>
    <message>
        <location filename="../../gui/race_window.py" line="+37"/>
        <source>Ill-conditioned bowl</source>
        <translation>病态碗形曲面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rosenbrock valley</source>
        <translation>Rosenbrock 山谷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Himmelblau (four minima)</source>
        <translation>Himmelblau（四个极小值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local and global minimum</source>
        <translation>局部极小值与全局极小值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>f = (x² + κy²)/2: steep across (y), shallow along (x). Plain SGD must keep lr below 2/κ.</source>
        <translation>f = (x² + κy²)/2：横向（y）陡峭，纵向（x）平缓。普通 SGD 的学习率必须小于 2/κ。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>f = (1 − x)² + b(y − x²)²: a curved valley with a flat floor; the minimum is at (1, 1).</source>
        <translation>f = (1 − x)² + b(y − x²)²：一条谷底平坦的弯曲山谷；极小值在 (1, 1)。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>f = x² − y² + y⁴/4: a saddle at the origin between two valleys; the gradient there is tiny.</source>
        <translation>f = x² − y² + y⁴/4：原点处是两条山谷之间的鞍点，那里的梯度非常小。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Four minima of equal value: which one a path reaches depends on the start and the optimizer.</source>
        <translation>四个值相同的极小值：路径到达哪一个取决于起点和优化器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flat plateaus and steep walls; the minimum at (3, 0.5) lies at the end of a narrow valley.</source>
        <translation>平坦的高原和陡峭的峭壁；极小值 (3, 0.5) 位于一条狭窄山谷的尽头。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>f = (x² − 1)² + tx + y²: a local minimum on the right, the deeper global one on the left.</source>
        <translation>f = (x² − 1)² + tx + y²：右边是局部极小值，左边是更深的全局极小值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Condition number κ:</source>
        <translation>条件数 κ：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valley steepness b:</source>
        <translation>山谷陡度 b：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tilt t:</source>
        <translation>倾斜 t：</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>Step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Optimizer race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Surface:</source>
        <translation>曲面(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loss surface the optimizers race on</source>
        <translation>优化器在其上竞赛的损失曲面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The surface&apos;s shape parameter; changing it restarts the race</source>
        <translation>曲面的形状参数；修改它会重新开始竞赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient &amp;noise:</source>
        <translation>梯度噪声(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gaussian noise added to every gradient: up to half the surface&apos;s typical gradient size</source>
        <translation>加到每个梯度上的高斯噪声：最大为该曲面典型梯度大小的一半</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps per &amp;frame:</source>
        <translation>每帧步数(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many optimizer steps each frame of the animation takes</source>
        <translation>动画每一帧走多少个优化器步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop &amp;at:</source>
        <translation>停止于(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The race pauses after this many steps</source>
        <translation>走了这么多步之后竞赛暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One optimizer step for every optimizer (.)</source>
        <translation>每个优化器各走一步（.）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the start, step 0</source>
        <translation>回到起点，第 0 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested learning rates</source>
        <translation>建议的学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set every optimizer&apos;s learning rate to one that shows its character on this surface</source>
        <translation>把每个优化器的学习率设为能在这个曲面上展现其特点的值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to place the start</source>
        <translation>点击以放置起点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss above the minimum, f − f*</source>
        <translation>高出极小值的损失，f − f*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iteration</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to look for: plain SGD zig-zags across a narrow valley; momentum overshoots and settles; AdaGrad&apos;s steps shrink as its sum of squared gradients grows; RMSProp and Adam scale each coordinate by its own gradient size; Adam&apos;s bias correction makes its first steps full-size (about lr) instead of tiny. Noise shows what stochastic gradients do.</source>
        <translation>看点：普通 SGD 在狭窄山谷中来回之字形振荡；动量会冲过头再稳定下来；AdaGrad 的梯度平方和不断增大，步长随之缩小；RMSProp 和 Adam 按每个坐标自己的梯度大小缩放步长；Adam 的偏差修正使它最初几步就是完整大小（约为 lr），而不是很小。噪声展示随机梯度的效果。</translation>
    </message>
    <message>
        <location line="+243"/>
        <source>cannot start here (the value is not finite)</source>
        <translation>不能从这里出发（函数值不是有限数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>diverged after step {0} (the next value was not finite)</source>
        <translation>第 {0} 步后发散（下一个值不是有限数）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Animate the race, or pause it (P)</source>
        <translation>播放竞赛动画，或暂停（P）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>σ = {0}</source>
        <translation>σ = {0}</translation>
    </message>
</context>
<context>
    <name>RewindDialog</name>
    <message>
        <location filename="../../gui/rewind_dialog.py" line="+19"/>
        <location line="+17"/>
        <source>Rewind</source>
        <translation>回退</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+2"/>
        <source>The step to go back to</source>
        <translation>要回到的步数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Go back to this step; training continues from there exactly</source>
        <translation>回到这一步；训练会从那里精确地继续</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The run is at step {step}. {n} checkpoints (every {every} steps; {memory} of {budget} MB): rewinding restores the nearest one and replays the steps after it.</source>
        <translation>训练现在在第 {step} 步。共有 {n} 个检查点（每 {every} 步一个；已用 {memory} MB，上限 {budget} MB）：回退会恢复最近的检查点，并重放其后的各步。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Back at step {step} ({replayed} steps replayed from a checkpoint).</source>
        <translation>已回到第 {step} 步（从检查点重放了 {replayed} 步）。</translation>
    </message>
</context>
<context>
    <name>RocPanel</name>
    <message>
        <location filename="../../gui/panels/roc_panel.py" line="+32"/>
        <source>ROC / PR</source>
        <translation>ROC / PR</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a binary classifier: the confusion matrix at the threshold 0.5 (rows: true class, columns: predicted); the ROC curve, the true positive rate against the false positive rate as the threshold falls (the dashed diagonal is guessing; AUC is the area under the curve); and precision against recall (the dashed line is the share of positives; AP is the average precision).</source>
        <translation>二分类器：阈值 0.5 时的混淆矩阵（行：真实类别，列：预测类别）；ROC 曲线，即阈值下降时真阳性率对假阳性率的曲线（虚线对角线为随机猜测；AUC 为曲线下面积）；以及精确率对召回率的曲线（虚线为正例所占比例；AP 为平均精确率）。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>false pos. rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true pos. rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>class {i}</source>
        <translation>类别 {i}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ROC and precision-recall curves are drawn for binary classification (two classes).</source>
        <translation>ROC 曲线和精确率-召回率曲线只针对二分类（两个类别）绘制。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>ROC curve</source>
        <translation>ROC 曲线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Precision-recall curve</source>
        <translation>精确率-召回率曲线</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision-recall</source>
        <translation>精确率-召回率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confusion</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>AUC {auc}</source>
        <translation>AUC {auc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AP {ap}</source>
        <translation>AP {ap}</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n prediction(s) not finite: left out of the curves (a diverged network).</source>
        <translation>
            <numerusform>%n 个预测值不是有限数：未计入曲线（网络已发散）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunRecorder</name>
    <message>
        <location filename="../../gui/run_recorder.py" line="+245"/>
        <source>The run history {path} was written by a newer Backprop Lab; runs are not recorded.</source>
        <extracomment>seconds between two writes of a run that keeps playing</extracomment>
        <translation>运行记录 {path} 由更新版本的 Backprop Lab 写入；不会记录运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The run history {path} is damaged; it was left as it is and runs are not recorded. Move it away to start a new one.</source>
        <translation>运行记录 {path} 已损坏；文件保持原样，不会记录运行。将它移走即可开始新的记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Runs are not recorded: {reason}</source>
        <translation>不会记录运行：{reason}</translation>
    </message>
</context>
<context>
    <name>RunTreeCurves</name>
    <message>
        <location filename="../../gui/panels/run_tree.py" line="+147"/>
        <source>↳ from #{parent}</source>
        <extracomment>points per curve at most (neighbours averaged): the tree costs little per frame</extracomment>
        <translation>↳ 来自 #{parent}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>↳ #{run} from #{parent}</source>
        <translation>↳ #{run} 来自 #{parent}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This run branches from run #{parent} at step {step}</source>
        <translation>此运行在第 {step} 步从运行 #{parent} 分支</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run #{run} branches from run #{parent} at step {step}</source>
        <translation>运行 #{run} 在第 {step} 步从运行 #{parent} 分支</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <location filename="../../gui/panels/runs_panel.py" line="+48"/>
        <source>Runs</source>
        <extracomment>the status names a run can have, as stored</extracomment>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Filter by name or setting…</source>
        <translation>按名称或设置筛选…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only runs whose name or project contains this text</source>
        <translation>只显示名称或项目中包含此文字的运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show only runs with this status</source>
        <translation>只显示处于此状态的运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Selected runs: loss per step (thin), validation loss (thick)</source>
        <translation type="vanished">所选运行：每步损失（细线），验证损失（粗线）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Loss of the selected runs</source>
        <translation>所选运行的损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thin: the loss of each step&apos;s batch. Thick: the validation loss.</source>
        <translation>细线：每步批次的损失。粗线：验证损失。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <source>Open as Project</source>
        <translation>作为项目打开</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Open the selected run&apos;s project (its settings and seed) as a new project</source>
        <translation>将所选运行的项目（其设置和随机种子）作为新项目打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Make Current</source>
        <translation>设为当前</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Continue training from the selected run: its project and its weights at its last step, as a new branch of it (the optimizer state starts afresh: it is not stored)</source>
        <translation>从所选运行继续训练：使用其项目及其最后一步的权重，作为它的一个新分支（优化器状态重新开始：它没有被保存）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the table of the runs shown as a CSV file</source>
        <translation>将显示的运行表写成 CSV 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected runs from the history</source>
        <translation>从记录中删除所选运行</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Val accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent</source>
        <translation>父运行</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 次运行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Export Runs</source>
        <translation>导出运行记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../gui/help/shortcuts_dialog.py" line="+109"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>StepFormulas</name>
    <message>
        <location filename="../../gui/panels/step_formulas.py" line="+89"/>
        <source>… ({n} more)</source>
        <translation>…（另有 {n} 项）</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>This layer&apos;s weight matrix is too large to send to this window: the sum is given in symbols, its value is the engine&apos;s.</source>
        <translation>这一层的权重矩阵太大，无法发送到这个窗口：求和只以符号给出，它的值是引擎算出的值。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An input value, standardised as the network sees it.</source>
        <translation>一个输入值，已按网络看到的方式标准化。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Raw value: {raw}.</source>
        <translation>原始值：{raw}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weighted sum: each input times its weight, plus the bias.</source>
        <translation>加权和：每个输入乘以它的权重，再加上偏置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activation: the function applied to the weighted sum.</source>
        <translation>激活：把激活函数作用于加权和。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Softmax: every output depends on every weighted sum of the layer.</source>
        <translation>Softmax：每个输出都依赖该层的所有加权和。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dropout (as in training): the mask of this pass keeps a unit, scaled by 1/(1 − p), or drops it (0).</source>
        <translation>Dropout（与训练时相同）：本次传播的掩码要么保留一个单元并乘以 1/(1 − p)，要么把它丢弃（0）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dropout in evaluation mode passes every value through unchanged.</source>
        <translation>评估模式下的 Dropout 让每个值原样通过。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch norm in evaluation mode: normalised with the running mean and variance, then scaled and shifted.</source>
        <translation>评估模式下的批归一化：用滑动均值和方差归一化，再缩放和平移。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Residual connection: the block&apos;s input is added to its output.</source>
        <translation>残差连接：把残差块的输入加到它的输出上。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The loss of this example.</source>
        <translation>这个样本的损失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The walk back starts at the loss: ∂L/∂L = 1.</source>
        <translation>反向过程从损失开始：∂L/∂L = 1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loss&apos;s own derivative with respect to the network&apos;s output.</source>
        <translation>损失函数本身对网络输出的导数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fused {pair}: the loss hands ∂L/∂z = a − y straight to the weighted sum, so ∂L/∂a is never formed (exact, and free of log 0).</source>
        <translation>融合的 {pair}：损失直接把 ∂L/∂z = a − y 交给加权和，因此从不计算 ∂L/∂a（精确，且不会出现 log 0）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chain rule: upstream gradient × local derivative.</source>
        <translation>链式法则：上游梯度 × 局部导数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Softmax is not elementwise: each of its outputs depends on this value, so the chain rule sums over the Jacobian&apos;s row.</source>
        <translation>Softmax 不是逐元素的：它的每个输出都依赖这个值，因此链式法则要对雅可比矩阵的一行求和。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fan-in sum: {n} units read this value, so its gradient is the sum of upstream gradient × local derivative over all of them.</source>
        <translation>扇入求和：有 {n} 个单元读取这个值，因此它的梯度是对所有这些单元的“上游梯度 × 局部导数”之和。</translation>
    </message>
</context>
<context>
    <name>StepGraphView</name>
    <message>
        <location filename="../../gui/panels/step_graph_view.py" line="+47"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weighted sum</source>
        <translation>加权和</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch norm</source>
        <translation>批归一化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>residual add</source>
        <translation>残差相加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>{n} units</source>
        <extracomment>a double-click on a weight (an edge into a weighted sum) or a bias (a weighted-sum box): layer weights path, &quot;weight&quot; or &quot;bias&quot;, index ((unit, input) or (unit,)), its value</extracomment>
        <translation>{n} 个单元</translation>
    </message>
</context>
<context>
    <name>StepThroughWindow</name>
    <message>
        <location filename="../../gui/panels/step_example.py" line="+22"/>
        <source>Data row</source>
        <translation>数据行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Typed input</source>
        <translation>输入的数值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trace a row of the data, or an input and target you type (or click on the plane)</source>
        <translation>追踪数据中的一行，或你输入（或在平面上点击）的输入与目标</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Which row of the data to trace (numbered from 0)</source>
        <translation>要追踪数据中的哪一行（从 0 开始编号）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../gui/panels/step_through.py" line="+272"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../gui/panels/step_through.py" line="+0"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the row from the training or the validation set</source>
        <translation>从训练集或验证集中取这一行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>input, e.g. 0.5, -1.2</source>
        <translation>输入，例如 0.5, -1.2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The input values, separated by commas, in the data&apos;s own units (as on the plane)</source>
        <translation>输入值，用逗号分隔，使用数据本身的单位（与平面上相同）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The target: a class number for classification, the value(s) for regression</source>
        <translation>目标：分类时为类别编号，回归时为要预测的值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick on Plane</source>
        <translation>在平面上选取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a point on the Output panel&apos;s plane to trace it (with the target typed here)</source>
        <translation>在“输出”面板的平面上点击一个点来追踪它（目标取这里输入的值）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dropout as in training</source>
        <translation>Dropout 与训练时相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw each dropout mask as a training step would (training itself is not disturbed); off: dropout passes everything</source>
        <translation>像训练步那样抽取每个 Dropout 掩码（不影响训练本身）；关闭时 Dropout 让所有值通过</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for the graph again with the network&apos;s current weights</source>
        <translation>用网络当前的权重重新获取计算图</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Input: type numbers separated by commas, got “{text}”.</source>
        <translation>输入：请输入用逗号分隔的数字，收到的是“{text}”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Target: type a class number, got “{text}”.</source>
        <translation>目标：请输入类别编号，收到的是“{text}”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Target: type the value(s) to predict, got “{text}”.</source>
        <translation>目标：请输入要预测的值，收到的是“{text}”。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Row {value} does not exist: that part of the data has {rows} rows.</source>
        <translation>第 {value} 行不存在：这部分数据只有 {rows} 行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target: must be a class from {low} to {high}, got {value}.</source>
        <translation>目标：必须是 {low} 到 {high} 之间的类别，收到的是 {value}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input: needs {n} numbers, got {value}.</source>
        <translation>输入：需要 {n} 个数字，收到 {value} 个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input: {key} must be a finite number, got {value}.</source>
        <translation>输入：{key} 必须是有限的数字，收到的是 {value}。</translation>
    </message>
    <message>
        <location filename="../../gui/panels/step_through.py" line="-211"/>
        <source>Step through backpropagation</source>
        <translation>逐步查看反向传播</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk the forward pass from the input (Home)</source>
        <translation>从输入开始逐步查看前向传播（Home）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk back from the loss with the chain rule</source>
        <translation>用链式法则从损失开始逐步反向</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One step back (←)</source>
        <translation>后退一步（←）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One step on (→)</source>
        <translation>前进一步（→）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jump to the last step (End)</source>
        <translation>跳到最后一步（End）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Walk on by itself (Space)</source>
        <translation>自动逐步前进（空格键）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Click a unit to jump to it</source>
        <translation>点击一个单元即可跳到它</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The current step: the formula in symbols, then in numbers</source>
        <translation>当前这一步：先是符号公式，再代入数值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit of the collapsed layer:</source>
        <translation>折叠层中的单元：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A wide layer is drawn as one node: which of its units the formula shows (from 1)</source>
        <translation>宽的层画成一个节点：公式显示它的哪一个单元（从 1 开始）</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>{part} row {index}</source>
        <translation>{part}集第 {index} 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>typed input</source>
        <translation>输入的数值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Example: {where} · x = ({x}) · target {t} · loss L = {loss} · {dtype}</source>
        <translation>样本：{where} · x = ({x}) · 目标 {t} · 损失 L = {loss} · {dtype}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>dropout: the mask of this pass</source>
        <translation>Dropout：本次传播的掩码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dropout: evaluation mode (off)</source>
        <translation>Dropout：评估模式（关闭）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>batch norm: evaluation mode (running statistics)</source>
        <translation>批归一化：评估模式（滑动统计量）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some values are not finite (NaN or ∞, written as such): the network has diverged; reset it or lower the learning rate.</source>
        <translation>有些值不是有限数（NaN 或 ∞，按原样写出）：网络已经发散；请重置它或降低学习率。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Forward: step {k} of {n}</source>
        <translation>前向：第 {k} 步，共 {n} 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backward: step {k} of {n}</source>
        <translation>反向：第 {k} 步，共 {n} 步</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Local derivative {ls} = {l}; upstream gradient {us} = {u}; product {p}.</source>
        <translation>局部导数 {ls} = {l}；上游梯度 {us} = {u}；乘积 {p}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} terms in all; the first {k} are written out.</source>
        <translation>共 {n} 项；只写出前 {k} 项。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gradients of this unit&apos;s parameters:</source>
        <translation>这个单元的参数的梯度：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… and {n} more.</source>
        <translation>…… 另有 {n} 项。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{symbol}[{index}] of {layer}</source>
        <translation>{layer} 的 {symbol}[{index}]</translation>
    </message>
</context>
<context>
    <name>StepUpdate</name>
    <message>
        <location filename="../../gui/panels/step_update.py" line="+24"/>
        <source>Apply the Update for This Example</source>
        <translation>对此样本应用一次更新</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>After the backward walk: the optimizer&apos;s step on this example&apos;s gradients, computed on copies (the run does not change)</source>
        <translation>反向遍历之后：优化器根据此样本的梯度走的一步，在副本上计算（训练本身不受影响）</translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <location filename="../../gui/sweep_dialog.py" line="+83"/>
        <location line="+174"/>
        <source>Sweep</source>
        <extracomment>settings offered in the parameter column (any dotted path of the project may be typed)</extracomment>
        <translation>参数扫描</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>Train the current project with every combination of the values below (or some of them at random), from the same data. Values are separated by commas.</source>
        <translation>用下面各值的每种组合（或随机抽取其中一部分）在相同数据上训练当前项目。各值之间用逗号分隔。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add Setting</source>
        <translation>添加设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a setting to vary</source>
        <translation>添加一个要变化的设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove Setting</source>
        <translation>删除设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected setting</source>
        <translation>删除所选设置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>every combination</source>
        <translation>所有组合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train only this many combinations, drawn at random (0: all of them)</source>
        <translation>只训练随机抽取的这么多种组合（0：全部）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train each combination with this many seeds (the project&apos;s, then the next)</source>
        <translation>每种组合用这么多个随机种子训练（项目的种子，然后依次递增）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epochs each run trains</source>
        <translation>每次运行训练的轮数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Processes training at once on this computer</source>
        <translation>在本机上同时训练的进程数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address of a Dask scheduler (tcp://host:8786) to run the sweep on that cluster</source>
        <translation>Dask 调度器的地址（tcp://host:8786），在该集群上运行扫描</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random combinations:</source>
        <translation>随机组合数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seeds:</source>
        <translation>随机种子数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs per run:</source>
        <translation>每次运行的轮数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local processes:</source>
        <translation>本地进程数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dask scheduler:</source>
        <translation>Dask 调度器：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%v of %m runs</source>
        <translation>%v / %m 次运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run Sweep</source>
        <translation>开始扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start training every run of the sweep</source>
        <translation>开始训练扫描中的每次运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel Sweep</source>
        <translation>取消扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop the runs not started yet (runs in progress finish)</source>
        <translation>放弃尚未开始的运行（进行中的运行会完成）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Run as Project</source>
        <translation>将运行作为项目打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected run&apos;s settings as a new project</source>
        <translation>将所选运行的设置作为新项目打开</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A setting of the project, as a dotted path (optimizer.lr, network.layers.0.units)</source>
        <translation>项目的一个设置，用点分路径表示（optimizer.lr、network.layers.0.units）</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Cannot plan the sweep: {reason}</source>
        <translation>无法规划扫描：{reason}</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n run(s) planned.</source>
        <translation>
            <numerusform>已规划 %n 次运行。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Every run of this sweep is already in the run history.</source>
        <translation>此扫描的每次运行都已在运行记录中。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Training %n run(s)…</source>
        <translation>
            <numerusform>正在训练 %n 次运行…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Runs are not recorded: {reason}</source>
        <translation>不会记录运行：{reason}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The sweep stopped: {reason}</source>
        <translation>扫描已停止：{reason}</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n run(s) trained.</source>
        <translation>
            <numerusform>已训练 %n 次运行。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelling: the runs in progress finish first…</source>
        <translation>正在取消：进行中的运行会先完成…</translation>
    </message>
</context>
<context>
    <name>TimelineStrip</name>
    <message>
        <location filename="../../gui/panels/timeline.py" line="+150"/>
        <source>No checkpoints yet</source>
        <extracomment>the checkpoints are asked for at most this often (milliseconds) a click that would drop more steps than this asks first a click this close to a tick (pixels) takes the tick&apos;s step an answer not back after this many seconds (the process restarted) is given up on the ticks sit in the upper part of the strip, the memory text in the lower right</extracomment>
        <translation>尚无检查点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 checkpoint · {memory} MB of {budget} MB</source>
        <translation>1 个检查点 · 已用 {memory} 兆字节，上限 {budget} 兆字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} checkpoints · {memory} MB of {budget} MB</source>
        <translation>{n} 个检查点 · 已用 {memory} 兆字节，上限 {budget} 兆字节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 checkpoint · {memory} KB of {budget} MB</source>
        <translation>1 个检查点 · 已用 {memory} 千字节，上限 {budget} 兆字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} checkpoints · {memory} KB of {budget} MB</source>
        <translation>{n} 个检查点 · 已用 {memory} 千字节，上限 {budget} 兆字节</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The run&apos;s checkpoints (ticks) and its current step (red). Click a step to go back there; right-click to branch from it</source>
        <translation>此运行的检查点（刻度）和当前步（红线）。单击某一步即可回到那里；右键单击可从该步分支</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>step {n} (checkpoint)</source>
        <translation>第 {n} 步（检查点）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>step {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step {n} (replayed from the checkpoint at step {base})</source>
        <translation>第 {n} 步（从第 {base} 步的检查点重放）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Rewind to Step {n}</source>
        <translation>回退到第 {n} 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to this step and continue from there</source>
        <translation>回到这一步并从那里继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Branch from Step {n}…</source>
        <translation>从第 {n} 步分支…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this run in the run history and continue from this step as a new run</source>
        <translation>将此运行保存在运行历史中，并从这一步作为新的运行继续</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rewind</source>
        <translation>回退</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go back to step {step}? The {dropped} steps after it are dropped (Branch from Step keeps them in the run history instead).</source>
        <translation>回到第 {step} 步？其后的 {dropped} 步将被丢弃（“从此步分支”则会把它们保存在运行历史中）。</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../gui/panels/training_panel.py" line="+63"/>
        <source>Loss</source>
        <extracomment>the optimizer combo&apos;s item for the &quot;SGD with momentum&quot; preset (sgd, momentum=β, dampening=β) the glossary entry of each descent choice seeds are any whole number &gt;= 0 (the command line takes them); 20 digits hold every 64-bit one a gui.commands.EditCommand a glossary entry&apos;s key (gui/help/glossary.py): the window opens Help → Glossary on it</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sum</source>
        <translation>求和</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reduction</source>
        <translation>归约方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halve the squared error: ½ (y − t)²</source>
        <translation>平方误差减半：½ (y − t)²</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The loss measures how wrong the output is: auto picks cross-entropy for classes and mean squared error (MSE) for values</source>
        <translation>损失函数衡量输出错得有多远：auto 对类别选交叉熵，对数值选均方误差（MSE）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How each step turns the gradient g into a change of the weights. sgd: w ← w − η·g; SGD with momentum: steps along an exponentially weighted average of g; adagrad, rmsprop, adam: a step size per weight from the history of g²</source>
        <translation>每一步如何把梯度 g 变成权重的变化。sgd：w ← w − η·g；带动量的 SGD：沿 g 的指数加权平均前进；adagrad、rmsprop、adam：根据 g² 的历史为每个权重确定步长</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same optimizer as the project file writes it</source>
        <translation>项目文件中对同一优化器的写法</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optimizer parameters</source>
        <translation>优化器参数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>batch: the whole training set per step; stochastic: one example; mini-batch: k examples</source>
        <translation type="vanished">批量：每步使用整个训练集；随机：每步一个样本；小批量：每步 k 个样本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Batch (BGD): whole training set</source>
        <translation>批量梯度下降（BGD）：整个训练集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stochastic (SGD): one example</source>
        <translation>随机梯度下降（SGD）：一个样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mini-batch: k examples</source>
        <translation>小批量梯度下降：k 个样本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How many training examples each step averages the gradient over. Batch gradient descent (BGD): all of them, one step per epoch; stochastic (SGD): one, noisy but many steps; mini-batch: k at a time, the usual compromise</source>
        <translation>每一步对多少个训练样本的梯度取平均。批量梯度下降（BGD）：全部样本，每轮一步；随机梯度下降（SGD）：一个样本，噪声大但步数多；小批量：每次 k 个，通常的折中</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>k: the number of examples in each mini-batch</source>
        <translation>k：每个小批量中的样本数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An epoch is one pass over the whole training set; training stops after this many</source>
        <translation>一轮（epoch）是把整个训练集过一遍；训练到这么多轮后停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How the learning rate changes over the epochs: constant; step (× γ every few epochs); exponential (× γ every epoch); cosine (down to η_min along half a cosine)</source>
        <translation>学习率如何随轮数变化：constant 恒定；step（每隔几轮乘以 γ）；exponential（每轮乘以 γ）；cosine（沿半个余弦降到 η_min）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stability and regularisation</source>
        <translation>稳定性与正则化</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Gradient clipping: if the norm ‖g‖ of all gradients exceeds this value, g is scaled down to it (g ← g·c/‖g‖); a guard against exploding gradients</source>
        <translation>梯度裁剪：当所有梯度的范数 ‖g‖ 超过这个值时，把 g 缩小到该值（g ← g·c/‖g‖）；防止梯度爆炸</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Clip gradient norm</source>
        <translation>裁剪梯度范数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>patience </source>
        <translation>容忍轮数 </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Early stopping: stop when the validation loss has not improved for this many epochs (patience), before the network overfits</source>
        <translation>早停：当验证集损失连续这么多轮（耐心值）没有改善时停止训练，以免网络过拟合</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+232"/>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>Any whole number from 0: the same seed gives the same data and weights</source>
        <translation>从 0 开始的任意整数：相同的种子给出相同的数据和权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Number precision: float64 is exact enough for gradient checks; float32 is faster and overflows sooner</source>
        <translation>数值精度：float64 足够精确，可做梯度检验；float32 更快，但更早溢出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Set the loss reduction to {value}</source>
        <translation>将损失的归约方式设为 {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use ½ (y − t)² in the loss</source>
        <translation>损失中使用 ½ (y − t)²</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use (y − t)² in the loss</source>
        <translation>损失中使用 (y − t)²</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name} parameters</source>
        <translation>{name} 参数</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Use SGD with momentum</source>
        <translation>使用带动量的 SGD</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Explain this in the glossary (Help → Glossary)</source>
        <translation>在术语表中查看解释（帮助 → 术语表）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>project file: sgd, momentum={momentum}, dampening={dampening}</source>
        <translation>项目文件：sgd, momentum={momentum}, dampening={dampening}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>project file: {name}</source>
        <translation>项目文件：{name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Batch gradient descent</source>
        <translation>批量梯度下降</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stochastic gradient descent</source>
        <translation>随机梯度下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mini-batch gradient descent</source>
        <translation>小批量梯度下降</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gradient clipping</source>
        <translation>梯度裁剪</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <location filename="../../gui/worker.py" line="+373"/>
        <source>killed by signal {0} ({1})</source>
        <extracomment>steps per second for each speed setting (None: as fast as possible) live edits for the same setting are sent at most once per this many milliseconds (the first at once, the last always) a process that dies this many times in a row without building anything is not restarted whether the last built run kept the previous run&apos;s weights how many times the training process was restarted after dying</extracomment>
        <translation>被信号 {0} 终止（{1}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>killed by signal {0}</source>
        <translation>被信号 {0} 终止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>exit code {0}</source>
        <translation>退出码 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it closed its connection</source>
        <translation>它关闭了连接</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The training process stopped unexpectedly ({0}).</source>
        <translation>训练进程意外停止（{0}）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The training process stopped unexpectedly ({0}) and keeps stopping; it was not restarted. Save your project and restart the app.</source>
        <translation>训练进程意外停止（{0}），并且反复停止；没有再重新启动。请保存项目并重新启动程序。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The training process stopped unexpectedly ({0}) and could not be restarted ({1}). Save your project and restart the app.</source>
        <translation>训练进程意外停止（{0}），且无法重新启动（{1}）。请保存项目并重新启动程序。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The training process stopped unexpectedly ({0}); it was restarted with your project.</source>
        <translation>训练进程意外停止（{0}）；已用你的项目重新启动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The training process stopped unexpectedly again ({0}) while working on your project; it was restarted without it. Change the project or open another.</source>
        <translation>训练进程在处理你的项目时再次意外停止（{0}）；已在不载入项目的情况下重新启动。请修改项目或打开另一个项目。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The training process stopped unexpectedly ({0}); it was restarted.</source>
        <translation>训练进程意外停止（{0}）；已重新启动。</translation>
    </message>
</context>
<context>
    <name>UpdateView</name>
    <message>
        <location filename="../../gui/panels/update_view.py" line="+39"/>
        <source>θ: the parameter before the step</source>
        <translation>θ：这一步之前的参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>g: ∂L/∂θ for this example alone (a batch of one)</source>
        <translation>g：仅由这个样本得到的 ∂L/∂θ（大小为 1 的批次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weight-decay term: λθ is added to the gradient (AdamW: the parameter shrinks by ηλθ first)</source>
        <translation>权重衰减项：λθ 加到梯度上（AdamW：参数先缩小 ηλθ）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>g + λθ: the gradient the optimizer uses</source>
        <translation>g + λθ：优化器实际使用的梯度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nesterov: the step goes along g + μb</source>
        <translation>Nesterov：沿 g + μb 方向前进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The denominator that scales this parameter&apos;s step</source>
        <translation>缩放这个参数步长的分母</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>m̂: the first moment corrected for its start at zero, m / (1 − β₁ᵗ)</source>
        <translation>m̂：修正了从零开始的偏差后的一阶矩，m / (1 − β₁ᵗ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v̂: the second moment corrected for its start at zero, v / (1 − β₂ᵗ)</source>
        <translation>v̂：修正了从零开始的偏差后的二阶矩，v / (1 − β₂ᵗ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Δθ: the change this step makes (new − old)</source>
        <translation>Δθ：这一步带来的变化（新值 − 旧值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ′: the parameter after the step</source>
        <translation>θ′：这一步之后的参数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>b: the momentum buffer (PyTorch&apos;s momentum_buffer)</source>
        <translation>b：动量缓冲（PyTorch 中的 momentum_buffer）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>s: the sum of squared gradients (PyTorch&apos;s sum)</source>
        <translation>s：梯度平方之和（PyTorch 中的 sum）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v: the running average of squared gradients (PyTorch&apos;s square_avg)</source>
        <translation>v：梯度平方的滑动平均（PyTorch 中的 square_avg）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ḡ: the running average of gradients (PyTorch&apos;s grad_avg)</source>
        <translation>ḡ：梯度的滑动平均（PyTorch 中的 grad_avg）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>m: the first moment, a running average of gradients (PyTorch&apos;s exp_avg)</source>
        <translation>m：一阶矩，梯度的滑动平均（PyTorch 中的 exp_avg）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>v: the second moment, a running average of squared gradients (PyTorch&apos;s exp_avg_sq)</source>
        <translation>v：二阶矩，梯度平方的滑动平均（PyTorch 中的 exp_avg_sq）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>vₘₐₓ: the largest second moment so far (AMSGrad; PyTorch&apos;s max_exp_avg_sq)</source>
        <translation>vₘₐₓ：迄今为止最大的二阶矩（AMSGrad；PyTorch 中的 max_exp_avg_sq）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>before this step</source>
        <translation>这一步之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after this step</source>
        <translation>这一步之后</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>centred</source>
        <translation>中心化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Not defined before the first step: the buffer starts as the first gradient.</source>
        <translation>第一步之前尚未定义：缓冲以第一个梯度作为初值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Infinite or NaN (not a number): this value cannot be drawn.</source>
        <translation>无穷大或 NaN（非数）：这个值无法显示。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The parameter tensor and the position of this scalar in it</source>
        <translation>参数张量以及这个标量在其中的位置</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>&amp;Tensor:</source>
        <translation>张量(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The parameter tensor whose scalars the table lists</source>
        <translation>表格列出其各个标量的参数张量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every scalar of the tensor: select a row to see its numbers in the formula</source>
        <translation>张量的每个标量：选中一行，即可在公式中看到它的数值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The optimizer&apos;s update rule as PyTorch defines it: θ parameter, g gradient, η learning rate</source>
        <translation>优化器的更新规则（按 PyTorch 的定义）：θ 参数，g 梯度，η 学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The update rule with the selected scalar&apos;s numbers</source>
        <translation>代入所选标量数值后的更新规则</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pick an example to see one optimizer step on it.</source>
        <translation>选择一个样本，查看在它上面的一次优化器步。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>training row {0}</source>
        <translation>训练集第 {0} 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>validation row {0}</source>
        <translation>验证集第 {0} 行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the typed example</source>
        <translation>输入的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} step t = {1} on {2} (training step {3}), loss {4}</source>
        <translation>{0} 第 t = {1} 步，样本：{2}（训练第 {3} 步），损失 {4}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Batch norm cannot normalise a single example: this pass used its running statistics (evaluation mode), so training on a batch would give other numbers.</source>
        <translation>批归一化无法对单个样本做归一化：这次前向传播使用了它的滑动统计量（评估模式），因此在一个批次上训练会得到不同的数值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This pass ran in evaluation mode (no dropout), as the backward walk traces it; the trainer&apos;s own step would drop units at random.</source>
        <translation>这次前向传播在评估模式下运行（没有 dropout），与反向传播演示的追踪一致；训练器自己的一步会随机丢弃单元。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gradient clipping scaled this gradient by {0}.</source>
        <translation>梯度裁剪把这个梯度缩放了 {0} 倍。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loss or a gradient is infinite or NaN: training would stop here instead of updating (missing values are shown as —).</source>
        <translation>损失或某个梯度为无穷大或 NaN：训练会在这里停止而不是更新（缺失的值显示为 —）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This update makes a parameter infinite or NaN.</source>
        <translation>这次更新使某个参数变为无穷大或 NaN。</translation>
    </message>
</context>
<context>
    <name>UpdateWindow</name>
    <message>
        <location filename="../../gui/update_window.py" line="+93"/>
        <source>of {0} rows</source>
        <translation>共 {0} 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no rows)</source>
        <translation>（没有行）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Apply one update</source>
        <translation>应用一次更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Example from:</source>
        <translation>样本来自(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which part of the data the example comes from</source>
        <translation>样本来自数据的哪一部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Row:</source>
        <translation>行(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The example&apos;s row in that part (counted from 0)</source>
        <translation>样本在该部分中的行号（从 0 开始）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute one optimizer step on this example (the run is not changed)</source>
        <translation>在这个样本上计算一次优化器步（不改变当前训练）</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <location filename="../../gui/panels/value_editor.py" line="+36"/>
        <source>Type the value and press Enter: the running network takes it at once (Ctrl+Z undoes it). At step 0 it also becomes a starting value of the project</source>
        <translation>输入数值后按回车：运行中的网络立即采用它（Ctrl+Z 可撤销）。在第 0 步时，它还会成为项目的初始值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set this value (Enter)</source>
        <translation>设置这个值（回车）</translation>
    </message>
</context>
<context>
    <name>WeightHistogramPanel</name>
    <message>
        <location filename="../../gui/panels/weight_histograms.py" line="+24"/>
        <source>Weight histograms</source>
        <translation>权重直方图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weight value</source>
        <translation>权重值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many of each layer&apos;s parameters (weights and biases; batch norm: scales and shifts) have each value; x-axis: the value. Under each plot: the L2 norm of the same parameters. Xavier and He initialisation scale each layer&apos;s spread by its width; weights that blow up or collapse show here.</source>
        <translation>每层参数（权重和偏置；批归一化：缩放和平移）各取值的个数；x 轴：参数值。每个图下方：这些参数的 L2 范数。Xavier 和 He 初始化按每层的宽度缩放其分布；权重爆炸或坍缩会在这里显现。</translation>
    </message>
    <message>
        <source>How many of each layer&apos;s weights (batch norm: its scales; biases not included) have each value. Under each plot: the L2 norm of all the layer&apos;s parameters, weights and biases. Xavier and He initialisation scale each layer&apos;s spread by its width; weights that blow up or collapse show here.</source>
        <translation type="vanished">每层的权重（批量归一化层：其缩放参数；不含偏置）中各个取值的个数。每个图下方：该层所有参数（权重和偏置）的 L2 范数。Xavier 和 He 初始化按每层的宽度缩放其分布范围；权重爆炸或塌缩都会在这里显示出来。</translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <location filename="../../gui/exports.py" line="+39"/>
        <source>unknown plot format {ext} (use .png, .svg or .csv)</source>
        <translation>未知的图表格式 {ext}（请用 .png、.svg 或 .csv）</translation>
    </message>
</context>
<context>
    <name>style</name>
    <message>
        <location filename="../../gui/panels/style.py" line="-76"/>
        <source>NaN</source>
        <extracomment>selection colours of lists and combo boxes: a saturated blue under white text in every state (some platform themes give a pale highlight under white text, which made the current item of a combo box unreadable) how far a region&apos;s colour goes from white towards its class colour: the points, drawn in the full colour, must stand out on their own region pixels per decade from which 2 and 5 x 10^k get labels larger values are drawn as gaps: Qt and pyqtgraph compute ranges, widths and squared lengths from them, which overflow near the float limit (1e308)</extracomment>
        <translation>NaN</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1 value not finite (not drawn)</source>
        <translation>1 个值不是有限值（未绘制）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} values not finite (not drawn)</source>
        <translation>{n} 个值不是有限值（未绘制）</translation>
    </message>
</context>
</TS>
