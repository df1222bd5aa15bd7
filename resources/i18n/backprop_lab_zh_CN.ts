<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../gui/help/about_dialog.py" line="+104"/>
        <source>About Backprop Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backprop Lab %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw a neural network, train it live and watch every layer: its activations, its gradients and how each weight moves. An exact NumPy core under a Qt window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Free software under the MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the versions above, to paste into a bug report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <location filename="../../gui/help/example_strings.py" line="+11"/>
        <source>Circle: a small ReLU net with momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One class inside a ring of the other. Six ReLU units are enough: each draws a straight line and together they cut out a polygon around the centre - hover the hidden neurons to see them. Trained with SGD and momentum 0.9; validation accuracy is about 99 %. Look at the dead-unit fraction of the hidden layer: a ReLU that outputs 0 for every point gets no gradient and never recovers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Same depth, learns: ReLU, He initialisation and batch norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same data, depth, optimizer and learning rate as vanishing_sigmoid, but ReLU activations (slope 1 where active), He-normal initialisation (keeps the signal&apos;s variance from layer to layer) and batch normalisation after every hidden layer. The per-layer gradient norms now stay within a factor of about ten of each other, and validation accuracy reaches about 99 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Same depth, learns: residual blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ten dense layers again (one in front, two in each of four residual blocks, one output), trained like vanishing_sigmoid. Each block adds its input to its output (y = x + f(x)), so on the way back the gradient has a path that skips the block unchanged: the first layer&apos;s gradient norm is of the same order as the last layer&apos;s. The second layer of each block starts small (gain 0.5) so that adding blocks does not blow the signal up. Validation accuracy reaches 100 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Regression on real data: diabetes progression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scikit-learn&apos;s diabetes data: 10 measurements of 442 patients and a disease-progression score one year later (roughly 25 to 346). The targets are not scaled, so the MSE is in squared score units: predicting the mean gives about 6300 on the validation set, linear regression about 3700, and this small ReLU network about 3800. Real data is noisy - no network gets close to zero here. Watch the predicted-vs-true plot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Handwritten digits (8x8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scikit-learn&apos;s 1797 images of handwritten digits, 8x8 pixels = 64 inputs, 10 classes. One hidden layer of 64 ReLU units with a little dropout reaches about 97 % validation accuracy in 20 epochs. Look at the confusion matrix to see which digits get mixed up, and at the update-to-weight ratio per layer (about 1e-3 is healthy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exploding: weights initialised far too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Six ReLU layers whose weights are drawn with standard deviation 3 instead of He&apos;s 0.35 for 16 inputs. Each layer multiplies the signal by about 8, so the output starts around 1e6 and the first loss is about 1e12; the gradients are as huge, and the first SGD steps throw the weights so far that the loss becomes NaN at step 3. Training stops with a message naming the step and the first layer whose output is no longer finite. Fix it: use he_normal (or normal with std 0.3), lower the learning rate, or turn on gradient clipping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Iris flowers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The classic 150 flowers, 4 measurements, 3 species. A tiny network (8 tanh units) trained with SGD and momentum gets about 95 % of the held-out flowers right. Setosa is easy; versicolor and virginica overlap a little - the confusion matrix shows where the mistakes are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Two moons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two interlocking half-circles with some noise. Two ReLU layers and Adam separate them within a few epochs. Raise data.noise to 0.3 and watch the validation loss rise above the training loss: the network starts to fit the noise (overfitting); dropout or weight decay helps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Regression: fit a noisy sine wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>300 noisy samples of y = sin(x) on [-pi, pi]; the network has one linear output and the loss is the mean squared error. Watch the fitted curve: first a straight line, then it bends to follow the wave. The noise has standard deviation 0.1, so a validation MSE near 0.01 means the network found the sine and not the noise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Three interleaved spirals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Three classes wound around each other: a hard, curved boundary. Two hidden layers of 32 tanh units with a softmax output and cross-entropy loss learn it to about 97 % validation accuracy. Watch the boundary: first three wedges, then the arms curl as training goes on. Try 4 units per layer (underfits) or remove a layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Vanishing gradients: a deep sigmoid network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nine hidden sigmoid layers of 16 units (Xavier-normal initialisation) trained with plain SGD. The sigmoid&apos;s slope is at most 0.25, so every layer the gradient passes through on its way back shrinks it: look at the per-layer gradient norms and histograms - the first layer&apos;s gradients are about 1e-7, four to five orders of magnitude smaller than the last layer&apos;s (1e-3 to 1e-1). The first layers barely move, and the accuracy stays near 50 % (chance). Compare with deep_relu_batchnorm and deep_residual, which have the same depth and learn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>XOR: the problem one neuron cannot solve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points in the four quarters of the plane; opposite quarters share a class. No single straight line separates the classes, so a network without a hidden layer cannot learn this. Four tanh units in one hidden layer can: watch the decision boundary bend into a cross, and hover the hidden neurons to see the lines each one draws. Training accuracy reaches 100 %. Try removing the hidden layer and see the loss get stuck near 0.69 (log 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>XOR with a feature cross: no hidden layer needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same XOR data, but the inputs are x1, x2 and the product x1*x2 (data.features). The product is positive exactly for one class, so a single sigmoid neuron (logistic regression) separates the classes. Compare with the XOR example: good features can replace hidden layers. Look at the weights: the one on x1*x2 grows, the others stay small.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Glossary</name>
    <message>
        <location filename="../../gui/help/glossary.py" line="+82"/>
        <source>Forward propagation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a&lt;sup&gt;(0)&lt;/sup&gt; = x&lt;br&gt;z&lt;sup&gt;(l)&lt;/sup&gt; = W&lt;sup&gt;(l)&lt;/sup&gt; a&lt;sup&gt;(l−1)&lt;/sup&gt; + b&lt;sup&gt;(l)&lt;/sup&gt;&lt;br&gt;a&lt;sup&gt;(l)&lt;/sup&gt; = f(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;ŷ = a&lt;sup&gt;(L)&lt;/sup&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>x is the input, W&lt;sup&gt;(l)&lt;/sup&gt; and b&lt;sup&gt;(l)&lt;/sup&gt; the weights and biases of layer l, f its activation function and L the number of layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The input flows through the network one layer at a time: each neuron takes a weighted sum of the layer before, adds its bias and passes the result through its activation. Hover a hidden neuron to see what it computes for every point of the plane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Backpropagation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>δ&lt;sup&gt;(L)&lt;/sup&gt; = ∂L/∂z&lt;sup&gt;(L)&lt;/sup&gt;&lt;br&gt;δ&lt;sup&gt;(l)&lt;/sup&gt; = (W&lt;sup&gt;(l+1)&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt; δ&lt;sup&gt;(l+1)&lt;/sup&gt; ⊙ f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;∂L/∂W&lt;sup&gt;(l)&lt;/sup&gt; = δ&lt;sup&gt;(l)&lt;/sup&gt; (a&lt;sup&gt;(l−1)&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt;,&amp;nbsp;&amp;nbsp; ∂L/∂b&lt;sup&gt;(l)&lt;/sup&gt; = δ&lt;sup&gt;(l)&lt;/sup&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>δ&lt;sup&gt;(l)&lt;/sup&gt; is how much the loss L changes when the weighted sums z&lt;sup&gt;(l)&lt;/sup&gt; of layer l change; ⊙ multiplies element by element.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backpropagation finds the gradient of the loss with respect to every weight in one backward pass: start from the loss and apply the chain rule layer by layer, from the output back to the input. Each layer reuses the δ of the layer after it, so the whole pass costs about as much as the forward pass. The gradient histograms and norms show what it found for every layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chain rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>∂L/∂x = ∂L/∂y · ∂y/∂x&lt;br&gt;∂L/∂a&lt;sub&gt;1&lt;/sub&gt; = ∂L/∂a&lt;sub&gt;n&lt;/sub&gt; · ∂a&lt;sub&gt;n&lt;/sub&gt;/∂a&lt;sub&gt;n−1&lt;/sub&gt; ⋯ ∂a&lt;sub&gt;2&lt;/sub&gt;/∂a&lt;sub&gt;1&lt;/sub&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If y depends on x and the loss depends on y, a small nudge to x changes the loss by the product of the two rates of change. Through a deep network the gradient of an early layer is a long product of such factors, one per layer: that is why it can shrink to nothing or blow up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Computation graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x → z = Wx + b → a = f(z) → L(a, y)&lt;br&gt;where two paths meet, gradients add:&lt;br&gt;u = g(x), v = h(x):&amp;nbsp;&amp;nbsp; ∂L/∂x = ∂L/∂u · ∂u/∂x + ∂L/∂v · ∂v/∂x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every computation is a graph of small operations: a multiplication, an addition, an activation. The forward pass evaluates the graph from the inputs to the loss; the backward pass walks it in reverse, and where the graph branches, the gradients coming back along the branches are added. A residual block is such a branch: its skip path carries the gradient past the block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Gradient descent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · ∇&lt;sub&gt;θ&lt;/sub&gt;L(θ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ stands for all the weights and biases, η is the learning rate and ∇&lt;sub&gt;θ&lt;/sub&gt;L the gradient of the loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The gradient points the way in which the loss rises fastest, so a small step the other way lowers it. Repeat the step many times and the weights roll downhill into a valley of the loss. Batch, stochastic and mini-batch gradient descent differ only in how many examples they use to estimate the gradient for one step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Batch gradient descent (BGD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · (1/N) Σ&lt;sub&gt;i=1&lt;/sub&gt;&lt;sup&gt;N&lt;/sup&gt; ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N is the size of the whole training set and ℓ the loss on one example.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every step uses the whole training set: the gradient is exact and the loss goes down smoothly, but there is only one step per epoch, and each step is slow on large data. In the project file: training.batch_size = null (the whole training set as one batch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stochastic gradient descent (SGD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one example i, drawn at random:&lt;br&gt;θ ← θ − η · ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every step uses a single example: steps are cheap and many, but noisy, so the loss curve jitters. The noise is not all bad: it can shake the weights out of a poor spot. In the project file: training.batch_size = 1. Note that the optimizer named sgd (as in PyTorch) is the plain update rule, whatever the batch size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mini-batch gradient descent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · (1/B) Σ&lt;sub&gt;i ∈ batch&lt;/sub&gt; ∇&lt;sub&gt;θ&lt;/sub&gt;ℓ(x&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>B is the batch size (training.batch_size), often 16 to 256; an epoch of N examples has ⌈N / B⌉ steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The usual compromise: each step averages the gradient over a small random batch of B examples. The estimate is good enough to go downhill, each step is cheap, and an epoch has many steps. Almost every example here trains this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Momentum (SGD with momentum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v ← β v + (1 − d) g&lt;br&gt;θ ← θ − η v</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>g is the gradient, β the momentum (often 0.9) and d the dampening (0 by default). With d = β, v is the exponentially weighted average of the gradients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Instead of stepping along today&apos;s gradient, keep a velocity that remembers the past ones. Where the gradients keep pointing the same way the steps grow (up to 1/(1 − β) times: ten times for β = 0.9); where they flip back and forth they cancel out. In the project file: optimizer sgd with momentum = β. Adding dampening = β gives the EMA form that many courses write, whose steps are 1 − β times as large for the same learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exponentially weighted average (EMA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v&lt;sub&gt;t&lt;/sub&gt; = β v&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β) x&lt;sub&gt;t&lt;/sub&gt;&lt;br&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;= (1 − β) (x&lt;sub&gt;t&lt;/sub&gt; + β x&lt;sub&gt;t−1&lt;/sub&gt; + β&lt;sup&gt;2&lt;/sup&gt; x&lt;sub&gt;t−2&lt;/sub&gt; + ⋯)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>β is between 0 and 1; the average covers roughly the last 1/(1 − β) values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A running average that forgets slowly: each new value gets the weight 1 − β, and older values fade by a factor β per step. With β = 0.9 it averages about the last 10 gradients, with β = 0.999 the last 1000. Momentum, RMSProp, Adam and batch norm&apos;s running statistics are all built on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>AdaGrad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>G ← G + g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · g / (√G + ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is per weight; G adds up the squared gradients since the start and ε avoids dividing by zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each weight gets its own learning rate: weights with large past gradients take smaller steps, rarely updated weights take larger ones. Because G only grows, the steps shrink for ever, which can stop learning too early; RMSProp fixes this by forgetting old gradients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>RMSProp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>s ← α s + (1 − α) g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · g / (√s + ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α (alpha in the project file, 0.99 by default; many courses call it β) sets how slowly the average of squared gradients s forgets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Like AdaGrad, but the squared gradients are averaged with an exponentially weighted average instead of summed, so the step follows the recent size of the gradient: each weight moves by about η per step, whatever the scale of its gradient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>m ← β&lt;sub&gt;1&lt;/sub&gt; m + (1 − β&lt;sub&gt;1&lt;/sub&gt;) g&lt;br&gt;v ← β&lt;sub&gt;2&lt;/sub&gt; v + (1 − β&lt;sub&gt;2&lt;/sub&gt;) g&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η · [m / (1 − β&lt;sub&gt;1&lt;/sub&gt;&lt;sup&gt;t&lt;/sup&gt;)] / (√[v / (1 − β&lt;sub&gt;2&lt;/sub&gt;&lt;sup&gt;t&lt;/sup&gt;)] + ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>t is the step number; β&lt;sub&gt;1&lt;/sub&gt; = 0.9, β&lt;sub&gt;2&lt;/sub&gt; = 0.999 and ε = 1e-8 by default (betas and eps in the project file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Momentum and RMSProp together: m averages the gradients (the direction), v their squares (the scale), and each weight steps by about η in the direction m points. The divisions by 1 − β&lt;sup&gt;t&lt;/sup&gt; are the bias correction. A good default: most examples here use Adam with η between 0.003 and 0.05.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bias correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>m&lt;sub&gt;t&lt;/sub&gt; = β m&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β) g&lt;sub&gt;t&lt;/sub&gt;,&amp;nbsp;&amp;nbsp; m&lt;sub&gt;0&lt;/sub&gt; = 0&lt;br&gt;corrected: m&lt;sub&gt;t&lt;/sub&gt; / (1 − β&lt;sup&gt;t&lt;/sup&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>t is the step number, starting at 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An average that starts at zero is too small at first: after one step with β = 0.9 it holds only a tenth of the gradient. Dividing by 1 − β&lt;sup&gt;t&lt;/sup&gt; undoes exactly that (if every gradient were the same, the corrected average would equal it from the first step), and the correction fades to nothing as t grows. Adam corrects both of its averages this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>θ ← θ − η · g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>η (lr in the project file) scales every step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The size of each step downhill. Too small and training crawls; too large and the steps overshoot the valley: the loss jumps around, or grows until it becomes NaN. Change it while the network trains and watch the loss curve answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Epoch and step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps per epoch = ⌈N / B⌉</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N training examples, batch size B.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A step is one update of the weights, from one batch. An epoch is one pass over the whole training set: with 300 training examples and a batch size of 20, an epoch is 15 steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Vanishing gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one unit per layer:&amp;nbsp;&amp;nbsp; ∂L/∂a&lt;sup&gt;(1)&lt;/sup&gt; = ∂L/∂a&lt;sup&gt;(L)&lt;/sup&gt; · Π&lt;sub&gt;l=2&lt;/sub&gt;&lt;sup&gt;L&lt;/sup&gt; w&lt;sup&gt;(l)&lt;/sup&gt; f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;sigmoid: σ′(z) ≤ 0.25, so nine layers multiply by at most 0.25&lt;sup&gt;9&lt;/sup&gt; ≈ 4 × 10&lt;sup&gt;−6&lt;/sup&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On its way back the gradient is multiplied by each layer&apos;s weights and activation slope. When these factors are smaller than 1, the gradient shrinks layer after layer and the first layers receive almost nothing: they barely learn while the last ones do. Look at the per-layer gradient norms. ReLU, He initialisation, batch norm and residual connections are the cures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exploding gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>∂L/∂a&lt;sup&gt;(1)&lt;/sup&gt; = ∂L/∂a&lt;sup&gt;(L)&lt;/sup&gt; · Π&lt;sub&gt;l=2&lt;/sub&gt;&lt;sup&gt;L&lt;/sup&gt; w&lt;sup&gt;(l)&lt;/sup&gt; f′(z&lt;sup&gt;(l)&lt;/sup&gt;)&lt;br&gt;factors of about 8 over six layers: 8&lt;sup&gt;6&lt;/sup&gt; ≈ 2.6 × 10&lt;sup&gt;5&lt;/sup&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same product as for vanishing gradients, with factors larger than 1: the gradient grows layer after layer, one step throws the weights far away and the loss becomes inf or NaN. The usual causes are weights initialised too large and a learning rate too high; the cures are a proper initialisation, a smaller learning rate and gradient clipping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Gradient clipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>if ‖g‖ &gt; c:&amp;nbsp;&amp;nbsp; g ← g · c / ‖g‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖g‖ is the norm of all the gradients together and c is training.grad_clip in the project file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A safety belt against exploding gradients: when the gradient is longer than c it is shortened to length c, keeping its direction. Small gradients are left alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saturation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>σ′(z) = σ(z) (1 − σ(z)):&amp;nbsp;&amp;nbsp; σ′(0) = 0.25,&amp;nbsp; σ′(5) ≈ 0.0066&lt;br&gt;tanh′(z) = 1 − tanh&lt;sup&gt;2&lt;/sup&gt;(z):&amp;nbsp;&amp;nbsp; tanh′(5) ≈ 0.00018</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A sigmoid or tanh unit whose weighted sum z is large, positive or negative, sits on a flat part of its curve: its output hardly changes and its slope is nearly zero, so almost no gradient passes through it. Large weights or unscaled inputs push units there. The activation statistics show the fraction of saturated units in each layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dead ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU′(z) = 0 for z &amp;lt; 0&lt;br&gt;dead: z &amp;lt; 0 for every input, so no gradient reaches the unit&apos;s weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A ReLU unit whose weighted sum is negative for every example outputs 0 and has slope 0, so no gradient reaches its weights and it never recovers. A learning rate that is too large, or a large negative bias, can kill many units at once. Leaky ReLU keeps a small slope below zero, so its units can come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>He initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W ~ N(0, 2 / n&lt;sub&gt;in&lt;/sub&gt;),&amp;nbsp;&amp;nbsp; std = √(2 / n&lt;sub&gt;in&lt;/sub&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n&lt;sub&gt;in&lt;/sub&gt; is the number of inputs of the layer (its fan-in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU sets about half of its inputs to zero, which halves the signal&apos;s variance; weights with variance 2 / n&lt;sub&gt;in&lt;/sub&gt; make up for it, so the signal keeps its size from layer to layer instead of shrinking or growing. For 16 inputs the standard deviation is √(2/16) ≈ 0.35. Use it with ReLU and its relatives (he_normal, he_uniform in the project file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Glorot (Xavier) initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W ~ N(0, 2 / (n&lt;sub&gt;in&lt;/sub&gt; + n&lt;sub&gt;out&lt;/sub&gt;))&lt;br&gt;or W ~ U(−a, a),&amp;nbsp;&amp;nbsp; a = √(6 / (n&lt;sub&gt;in&lt;/sub&gt; + n&lt;sub&gt;out&lt;/sub&gt;))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>n&lt;sub&gt;in&lt;/sub&gt; and n&lt;sub&gt;out&lt;/sub&gt;: the layer&apos;s inputs and outputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen so that, for units with slope 1 around zero such as tanh, the signal keeps its variance on the way forward and the gradient keeps its variance on the way back. It suits tanh; with ReLU prefer He (xavier_normal, xavier_uniform in the project file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Batch normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>μ = (1/B) Σ&lt;sub&gt;i&lt;/sub&gt; x&lt;sub&gt;i&lt;/sub&gt;,&amp;nbsp;&amp;nbsp; σ&lt;sup&gt;2&lt;/sup&gt; = (1/B) Σ&lt;sub&gt;i&lt;/sub&gt; (x&lt;sub&gt;i&lt;/sub&gt; − μ)&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;y&lt;sub&gt;i&lt;/sub&gt; = γ · (x&lt;sub&gt;i&lt;/sub&gt; − μ) / √(σ&lt;sup&gt;2&lt;/sup&gt; + ε) + β</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>per unit, over the B examples of the batch; γ and β are learned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each unit&apos;s values are centred and scaled over the mini-batch, then a learned scale γ and shift β let the network choose the range it wants. Every layer sees inputs of a steady size whatever the layers before it do, which keeps the gradients healthy and allows larger learning rates. To evaluate, running averages of μ and σ&lt;sup&gt;2&lt;/sup&gt; (an EMA) replace the batch&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Residual connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = x + f(x)&lt;br&gt;∂L/∂x = ∂L/∂y · (I + ∂f/∂x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>f is the block&apos;s layers and I the identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A block adds its input to its output, so it only has to learn a correction f(x) to passing the input through. On the way back the I term carries the gradient past the block unchanged, so even very deep networks get a gradient in their first layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Weight decay (L2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L′ = L + (λ/2) Σ w&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;θ ← θ − η (g + λθ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>λ is weight_decay in the optimizer&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pulls every weight a little towards zero at each step, so the network prefers small weights and smooth functions unless the data insists. One of the simplest cures for overfitting. (In Adam, weight_decay adds λθ to the gradient; AdamW shrinks the weights directly instead, which usually works better.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training: y = m ⊙ x / (1 − p),&amp;nbsp;&amp;nbsp; m&lt;sub&gt;i&lt;/sub&gt; = 0 with probability p, else 1&lt;br&gt;evaluation: y = x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>p is the rate: the fraction of units switched off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>During training every unit is switched off at random with probability p, and the others are scaled up so the average stays the same. The network cannot rely on any single unit, which makes it more robust and less prone to overfitting. At evaluation nothing is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Early stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stop when the validation loss has not improved by min_delta for patience epochs;&lt;br&gt;restore_best: go back to the weights of the best epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Watch the validation loss and stop training when it no longer improves: the network was best before it started to fit the noise. In the project file: training.early_stopping (it needs a validation set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Overfitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training loss ↓ while validation loss ↑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network learns the training examples, noise included, instead of the pattern behind them: the training loss keeps falling while the validation loss starts to rise. More data, a smaller network, weight decay, dropout or early stopping help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Training and validation sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation_split = 0.2: 80 % of the examples to train on, 20 % held out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The network learns from the training set only; the validation set is held out to see how it does on examples it has never seen. A validation loss that rises while the training loss falls is the sign of overfitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Perceptron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ŷ = step(w · x + b) = 1 if w · x + b &amp;gt; 0, else 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One neuron: a weighted sum and a threshold. It draws one straight line (a plane, in more dimensions) and puts the classes on either side, so it can only separate classes that a straight line separates. The step has slope 0, so gradient descent cannot train it; replace the step by a sigmoid and you get logistic regression, which it can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>XOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XOR(0, 0) = 0,&amp;nbsp; XOR(0, 1) = 1,&amp;nbsp; XOR(1, 0) = 1,&amp;nbsp; XOR(1, 1) = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The classic problem one neuron cannot solve: the points where exactly one input is on form one class, and no straight line separates them from the others. One hidden layer of a few units is enough, and so is adding the product x&lt;sub&gt;1&lt;/sub&gt;x&lt;sub&gt;2&lt;/sub&gt; as a feature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loss function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L(θ) = (1/N) Σ&lt;sub&gt;i&lt;/sub&gt; ℓ(ŷ&lt;sub&gt;i&lt;/sub&gt;, y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ŷ&lt;sub&gt;i&lt;/sub&gt; is the network&apos;s prediction for example i and y&lt;sub&gt;i&lt;/sub&gt; its target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One number that says how wrong the network&apos;s predictions are; training is the search for weights that make it small. Mean squared error for regression, cross-entropy for classification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Mean squared error (MSE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE = (1/N) Σ&lt;sub&gt;i&lt;/sub&gt; (ŷ&lt;sub&gt;i&lt;/sub&gt; − y&lt;sub&gt;i&lt;/sub&gt;)&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;∂MSE/∂ŷ&lt;sub&gt;i&lt;/sub&gt; = (2/N) (ŷ&lt;sub&gt;i&lt;/sub&gt; − y&lt;sub&gt;i&lt;/sub&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The average squared distance between prediction and target, for regression. Squaring punishes large errors far more than small ones, and the unit is the target&apos;s unit squared: an MSE of 0.01 means a typical error of about 0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L = −(1/N) Σ&lt;sub&gt;i&lt;/sub&gt; Σ&lt;sub&gt;k&lt;/sub&gt; y&lt;sub&gt;ik&lt;/sub&gt; log p&lt;sub&gt;ik&lt;/sub&gt;&lt;br&gt;two classes: L = −[y log p + (1 − y) log(1 − p)]&lt;br&gt;with softmax: ∂ℓ/∂z&lt;sub&gt;k&lt;/sub&gt; = p&lt;sub&gt;k&lt;/sub&gt; − y&lt;sub&gt;k&lt;/sub&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>p&lt;sub&gt;ik&lt;/sub&gt; is the probability the network gives to class k for example i.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Measures how much probability the network gave to the right class: predicting it with probability p costs −log p, so a confident mistake costs a lot. Guessing between two classes at random costs log 2 ≈ 0.69, which is where a network that learns nothing stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Activation function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a = f(z),&amp;nbsp;&amp;nbsp; z = w · x + b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The non-linear function each neuron applies to its weighted sum. Without it a stack of layers collapses into one linear map, however deep; with it the network can bend its decision boundary. Its slope f′(z) also decides how much gradient flows back through the unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sigmoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>σ(z) = 1 / (1 + e&lt;sup&gt;−z&lt;/sup&gt;)&lt;br&gt;σ′(z) = σ(z) (1 − σ(z)) ≤ 0.25</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Squashes any number into (0, 1), which makes it the natural output for a yes/no probability. In hidden layers it saturates easily and its slope is at most 0.25, so deep sigmoid networks suffer from vanishing gradients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tanh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tanh(z) = (e&lt;sup&gt;z&lt;/sup&gt; − e&lt;sup&gt;−z&lt;/sup&gt;) / (e&lt;sup&gt;z&lt;/sup&gt; + e&lt;sup&gt;−z&lt;/sup&gt;)&lt;br&gt;tanh′(z) = 1 − tanh&lt;sup&gt;2&lt;/sup&gt;(z) ≤ 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Like the sigmoid but from −1 to 1 and centred on zero, with slope 1 at the origin. A good choice for small networks; it saturates for large |z| as the sigmoid does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU(z) = max(0, z)&lt;br&gt;ReLU′(z) = 1 if z &amp;gt; 0, else 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lets positive values through unchanged and cuts negative ones to zero. Its slope is 1 wherever it is active, so gradients pass through deep stacks without shrinking, and each unit draws one straight fold in the plane. The price: a unit that is never active is dead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p&lt;sub&gt;k&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;k&lt;/sub&gt;&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt;&lt;/sup&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turns the scores of the last layer into probabilities, one per class, that are positive and add up to 1. Used with the cross-entropy loss when there are more than two classes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <location filename="../../gui/help/glossary_dialog.py" line="+88"/>
        <source>Glossary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search: a word, a symbol, an abbreviation (SGD, EMA, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the entries whose title, formula or text contains every word typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show Me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Nothing matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Open the example “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No example project shows this one yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Example:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>See also:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../gui/help/menu.py" line="+100"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Glossary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The words of the course: formulas, intuition and an example that shows each one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every command that has a key, and its key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Backprop Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version, licence, and the versions of Python, NumPy and Qt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../gui/i18n.py" line="+214"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of the window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../gui/help/shortcuts_dialog.py" line="+106"/>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
