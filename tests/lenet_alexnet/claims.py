"""Every number the site's prose states, and what makes it true.

Each row names a page and a phrase exactly as the page writes it, with the number (or the
run of numbers) in [brackets]. A number in a page's prose that no row covers fails
tests/test_claims.py, naming the page and line; so does a row whose phrase has left its page.
Section, figure, table and exercise numbers, headings, versions, model names and citations
are recognised by their form (tests/harness/prose.py) and need no row.

COMPUTED rows tie the bracketed words to a fact that code computes (lenet_alexnet/facts.py, from
the snippets and the notebook the pages show):

    exact      the number, shape (5x5x16) or number word equals the fact
    rounded    the fact, rounded to as many decimals as the page gives, equals the number
    about N%   the number is within N % of the fact ("about 38 million")
    few        "a few million": the fact lies between one and ten million
    numbers    the numbers in the brackets, in order, equal the list the fact gives
    formula    the arithmetic in the brackets (\\times, +, -) evaluates to the fact

SOURCED rows quote a source: the bracketed words must read exactly as the row records them,
the key names an entry of the page's References list, and the locator says where in the
source the number is. Changing a sourced number on a page fails until its row, with its
source, changes too. A number derived from sourced ones (a difference, a count of years)
says in its locator how it is derived.
"""

HOME = "index.md"
CHAPTER = "chapter-20/index.md"
SECTION = "chapter-20/lenet-alexnet.md"
NOTEBOOK = "chapter-20/notebooks/relu-vs-tanh.ipynb"  # its Markdown cells

COMPUTED = [
    # LeNet-5, computed from Code Fragment 1's model
    (SECTION, r"The plan is short. A \([32 \times 32]\) greyscale", "lenet5.input_size", "exact"),
    (SECTION, r"A convolution with \([5] \times 5\) kernels", "lenet5.conv_kernel", "exact"),
    (SECTION, r"A convolution with \(5 \times [5]\) kernels", "lenet5.conv_kernel", "exact"),
    (SECTION, "kernels produces [six] feature maps", "lenet5.conv1_maps", "exact"),
    (SECTION, "a second convolution makes [sixteen] maps from those six", "lenet5.conv2_maps", "exact"),
    (SECTION, "makes sixteen maps from those [six]; a second", "lenet5.conv1_maps", "exact"),
    (SECTION, r"What remains, \([5 \times 5 \times 16]\) numbers", "lenet5.feature_map", "exact"),
    (SECTION, "passes through dense layers of [120 and 84] units", "lenet5.dense_units", "numbers"),
    (SECTION, "units to [ten] digit scores", "lenet5.classes", "exact"),
    (SECTION, "The LeNet-5 pipeline: [a 32x32 input; a 5x5 convolution gives 28x28x6; 2x2 pooling gives "
              "14x14x6; a 5x5 convolution gives 10x10x16; 2x2 pooling gives 5x5x16; fully connected "
              "layers of 120, 84 and 10] units.", "lenet5.figure_alt_numbers", "numbers"),
    (SECTION, r"until a \([5 \times 5 \times 16]\) block feeds", "lenet5.feature_map", "exact"),
    (SECTION, r"the maximum of each \([2 \times 2]\) patch", "lenet5.pool_window", "exact"),
    (SECTION, "all but one of its [sixteen] maps read only some", "lenet5.conv2_maps", "exact"),
    (SECTION, 'of the [six] before it.', "lenet5.conv1_maps", "exact"),
    (SECTION, 'expects the [400] numbers of', "lenet5.classifier_inputs", "exact"),
    (SECTION, r"28\) digits need [two] pixels of", "lenet5.mnist_padding", "exact"),
    (SECTION, 'unpadded, only [256] values arrive', "lenet5.values_from_28", "exact"),
    (SECTION, "The model has [61,706] parameters", "lenet5.parameters", "exact"),
    (SECTION, "parameters, [1,706] more than the 60,000", "lenet5.excess_over_paper", "exact"),
    (SECTION, "1,706 more than the [60,000] that the paper's own layers add up to", "lenet5.paper_parameters", "exact"),
    (SECTION, 'C3 adds [900], the learned', "lenet5.full_c3_excess", "exact"),
    (SECTION, 'output layer [850], and max', "lenet5.output_layer_parameters", "exact"),
    (SECTION, "subsampling layers' [44] coefficients and", "lenet5.subsampling_coefficients", "exact"),
    (SECTION, r"of the \([5 \times 5 \times 16]\) block,", "lenet5.feature_map", "exact"),
    # The structure of the section itself
    (SECTION, 'and eased [four] limits: saturating', "table.bottlenecks", "exact"),
    (SECTION, "out of the [four], **local", "table.bottlenecks", "exact"),
    (SECTION, "**Table 20.1.1:** The [four] bottlenecks", "table.bottlenecks", "exact"),
    (SECTION, "## 3. The [Four] Bottlenecks", "table.bottlenecks", "exact"),
    (HOME, "learn the [four] fixes AlexNet combined", "table.bottlenecks", "exact"),
    # AlexNet, computed from Code Fragments 2 and 4
    (SECTION, "AlexNet has [five] convolution layers", "alexnet.conv_layers", "exact"),
    (SECTION, "convolution layers and [three] dense ones", "alexnet.dense_layers", "exact"),
    (SECTION, r"the stride of [4] in the", "alexnet.stem_stride", "exact"),
    (SECTION, "AlexNet's layer plan: [a 224x224x3 input; then 55x55x64, 27x27x64, 27x27x192, 13x13x192, "
              "13x13x384, 13x13x256, 13x13x256 and 6x6x256; fully connected layers of 4096, 4096 and 1000] "
              "units.", "alexnet.figure_stages", "numbers"),
    (SECTION, r"from a \([32 \times 32]\) digit", "lenet5.input_size", "exact"),
    (SECTION, r"to a \([224 \times 224]\) colour photograph", "alexnet.input_size", "exact"),
    (SECTION, "and the stride of [4] in the first layer", "alexnet.stem_stride", "exact"),
    (SECTION, r"AlexNet pools \([3 \times 3]\) windows", "alexnet.pool_window", "exact"),
    (SECTION, "It has [61,100,840] parameters, the same tensors", "alexnet.parameters", "exact"),
    (SECTION, r"\frac{n + 2p - k}{s} \right\rfloor + [1]", "conv.output_side_formula_offset", "exact"),
    (SECTION, r"$$ \left\lfloor \frac{[224 + 2 \cdot 2 - 11}{4} \right\rfloor + 1 = 55].",
     "alexnet.conv1_side_formula", "numbers"),
    (SECTION, r"padding, \(([227 + 2 \cdot 0 - 11) / 4 + 1 = 55]\), which", "alexnet2012.conv1_side_formula", "numbers"),
    (SECTION, "The [five] convolutions hold a", "alexnet.conv_layers", "exact"),
    (SECTION, 'convolutions hold a [few million] weights', "alexnet.conv_parameters", "few"),
    (SECTION, "hold a few million weights, [4.04] % of the total", "alexnet.conv_parameter_share_percent", "rounded"),
    (SECTION, r"each of the \([256 \times 6 \times 6] = 9216\) values", "alexnet.first_dense_inputs_shape", "exact"),
    (SECTION, r"\(256 \times 6 \times 6 = [9216]\) values", "alexnet.first_dense_inputs", "exact"),
    (SECTION, r"each of \([4096]\) units:", "alexnet.first_dense_outputs", "exact"),
    (SECTION, "about [38 million] parameters on its own", "alexnet.first_dense_parameters", "about 1%"),
    (SECTION, "on its own, [61.79] % of the network", "alexnet.first_dense_share_percent", "rounded"),
    (SECTION, "The [five] convolution bars are barely visible", "figure.convolution_bars", "exact"),
    (SECTION, 'convolutions do [91.79] % of', "alexnet.conv_mac_share_percent", "rounded"),
    (SECTION, 'layers, with [95.96] % of', "alexnet.dense_parameter_share_percent", "rounded"),
    (SECTION, 'the parameters, [8.21] %. The', "alexnet.dense_mac_share_percent", "rounded"),
    (SECTION, "The total, about [714 million] multiply-adds", "alexnet.macs", "about 1%"),
    (SECTION, "matches the [0.714] GFLOPS torchvision", "pretrained.gflops", "exact"),
    (SECTION, "matches the [0.714] GFLOPS", "alexnet.gmacs", "rounded"),
    (SECTION, 'ImageNet weights. [Three] lines replace', "pretrained.shortcut_lines", "exact"),
    (SECTION, "A Pretrained AlexNet in [Three] Lines", "pretrained.shortcut_lines", "exact"),
    (SECTION, 'references](#ref-torchvision-references)). The [1000] scores follow', "pretrained.classes", "exact"),
    (SECTION, 'class about [0.1] %: its', "pretrained.top_percent_mean", "about 5%"),
    (SECTION, '%: its [five] names mean', "pretrained.top_shown", "exact"),
    (SECTION, 'the last [five] lines of', "pretrained.top_shown", "exact"),
    (SECTION, "only those last [five] lines change", "pretrained.top_shown", "exact"),
    (SECTION, "These weights reach [79.066] % top-5 accuracy", "pretrained.acc5_percent", "exact"),
    (SECTION, "a top-5 error of [20.934] %", "pretrained.top5_error_percent", "rounded"),
    # The 2012 layer plan against torchvision's, Code Fragment 3
    (SECTION, "The 2012 network has [60,965,224] parameters", "alexnet2012.parameters", "exact"),
    (SECTION, "parameters and torchvision's [61,100,840], a difference", "alexnet.parameters", "exact"),
    (SECTION, "a difference of [135,616], all of it", "alexnet2012.difference", "exact"),
    (SECTION, r"but the \([55 \times 55]\) maps", "alexnet2012.first_map", "exact"),
    # torchvision's AlexNet against the one-weird-trick paper's single tower, Code Fragment 3
    (SECTION, "That paper's footnote gives its [five] convolutions", "alexnet.conv_layers", "exact"),
    (SECTION, "gives its five convolutions [64, 192, 384, 384 and 256] filters", "owt.conv_widths", "numbers"),
    (SECTION, "torchvision's fourth has [256]:", "owt.torchvision_conv4", "exact"),
    (SECTION, "convolution the [384] filters of both papers", "owt.conv4", "exact"),
    (SECTION, 'filters of both papers, which adds [737,408] parameters', "owt.torchvision_saves", "exact"),
    (SECTION, r"exactly from \([227 \times 227]\) without", "alexnet2012.input", "exact"),
    # Exercise 20.1.3 and its solution (Code Fragments 8 and 9)
    (SECTION, "puts [three] systems on one test set", "table1.systems", "exact"),
    (SECTION, "removed [1.4] points of top-1", "table1.features_gain_top1", "rounded"),
    (SECTION, 'top-1 and [2.5] of top-5', "table1.features_gain_top5", "rounded"),
    (SECTION, "the CNN then removed [8.2] and 8.7", "table1.cnn_gain_top1", "rounded"),
    (SECTION, "the CNN then removed 8.2 and [8.7]", "table1.cnn_gain_top5", "rounded"),
    # Exercise 20.1.1 and its solution (Code Fragment 7 counts; Code Fragment 3's 2012 plan)
    (SECTION, "(Code Fragment 3), [256] kernels of", "alexnet2012.conv2_out", "exact"),
    (SECTION, r"kernels of \([5 \times 5]\) over the 96", "alexnet2012.conv2_kernel_shape", "exact"),
    (SECTION, r"over the [96] channels of the first layer", "alexnet2012.conv2_in", "exact"),
    (SECTION, 'layer, in [two] groups; (b)', "alexnet2012.groups", "exact"),
    (SECTION, "first dense layer of [4096] units if it read", "alexnet.first_dense_outputs", "exact"),
    (SECTION, r"if it read the \([13 \times 13 \times 256]\) map of the last", "alexnet2012.last_conv_map", "exact"),
    (SECTION, r"the \([6 \times 6 \times 256]\) map after", "alexnet2012.pooled_map", "exact"),
    (SECTION, "**(a) With the split.** Each of the [256] output", "alexnet2012.conv2_out", "exact"),
    (SECTION, "sees 48 of the [96] input channels", "alexnet2012.conv2_in", "exact"),
    (SECTION, r"through a \([5 \times 5]\) kernel apiece", "alexnet2012.conv2_kernel_shape", "exact"),
    (SECTION, r"\([256 \times 48 \times 5 \times 5 + 256]\) = 307,456", "count.grouped_conv2", "formula"),
    (SECTION, r"48 \times 5 \times 5 + 256\) = [307,456] parameters", "count.grouped_conv2", "exact"),
    (SECTION, "channels sees [48] of the 96 input", "alexnet2012.conv2_per_group", "exact"),
    (SECTION, "Every output channel sees all [96]:", "alexnet2012.conv2_in", "exact"),
    (SECTION, r"\([256 \times 96 \times 5 \times 5 + 256]\) = 614,656", "count.ungrouped_conv2", "formula"),
    (SECTION, r"96 \times 5 \times 5 + 256\) = [614,656] parameters", "count.ungrouped_conv2", "exact"),
    (SECTION, "weights and saves [307,200].", "count.split_saves", "exact"),
    (SECTION, r"The \([13 \times 13 \times 256]\) map holds", "alexnet2012.last_conv_map", "exact"),
    (SECTION, "map holds [43,264] values", "count.fc6_without_pool_inputs", "exact"),
    (SECTION, r"needs \([43264 \times 4096 + 4096]\) = 177,213,440", "count.fc6_without_pool", "formula"),
    (SECTION, r"4096\) = [177,213,440] parameters", "count.fc6_without_pool", "exact"),
    (SECTION, "against [37,752,832] after the pooling", "count.fc6_after_pool", "exact"),
    (SECTION, 'it saves [139,460,608], 2.3 times', "count.pool_saves", "exact"),
    (SECTION, 'saves 139,460,608, [2.3] times the', "count.pool_saves_over_2012_network", "rounded"),
    (SECTION, 'times the [60,965,224] of the', "alexnet2012.parameters", "exact"),
    # Exercise 20.1.5 and its solution (Code Fragment 11)
    (SECTION, "dropout=0.0)` on [20] of scikit-learn's", "overfit.train_images", "exact"),
    (SECTION, r"scikit-learn's \([8 \times 8]\) digits", "overfit.digit_size", "exact"),
    (SECTION, "digits, [two] of each, enlarged", "overfit.per_digit", "exact"),
    (SECTION, r"enlarged to \([64 \times 64]\) in", "overfit.input_size", "exact"),
    (SECTION, "in [three] channels, until", "overfit.channels", "exact"),
    (SECTION, "until it gets all [20] right", "overfit.right_in_training", "exact"),
    (SECTION, 'fall on [20] images suggest?', "overfit.train_images", "exact"),
    (SECTION, "AlexNet fitted to [20] digits with Adam", "overfit.train_images", "exact"),
    (SECTION, "After [40] steps all 20", "overfit.steps", "exact"),
    (SECTION, "After 40 steps all [20] training images are right", "overfit.right_in_training", "exact"),
    (SECTION, "right and about [72] % of 300 unseen", "overfit.unseen_percent", "about 10%"),
    (SECTION, "about 72 % of [300] unseen digits", "overfit.unseen_images", "exact"),
    (SECTION, "With about [57 million] parameters for 20", "overfit.parameters", "about 1%"),
    (SECTION, "57 million parameters for [20] images", "overfit.train_images", "exact"),
    (SECTION, "only what those [20] share with", "overfit.train_images", "exact"),
    (SECTION, 'fall on [20] images points', "overfit.train_images", "exact"),

    # Exercise 20.1.4 and its solution (Code Fragment 9)
    (SECTION, 'to the [1000] classes. Count', "gap.classes", "exact"),
    (SECTION, "check that [two] \\(224", "gap.images", "exact"),
    (SECTION, r"check that two \([224 \times 224]\) images", "alexnet.input_size", "exact"),
    (SECTION, r"multiply-adds for one \([224 \times 224]\) image", "alexnet.input_size", "exact"),
    (SECTION, "`groups=2` in those [three] convolutions", "alexnet2012.grouped_convs", "exact"),
    (SECTION, "images still give [1000] scores each", "gap.classes", "exact"),
    (SECTION, "The head shrinks from [58,631,144] parameters", "gap.dense_head", "exact"),
    (SECTION, "parameters to [257,000], and the network", "gap.pooled_head", "exact"),
    (SECTION, "and the network from [61,100,840]", "gap.dense_total", "exact"),
    (SECTION, '61,100,840 to [2,726,696], most of', "gap.pooled_total", "exact"),
    (SECTION, r"reads a \([6 \times 6]\) grid for each", "gap.dense_grid", "exact"),
    (SECTION, "grid for each of the [256] channels", "gap.channels", "exact"),
    (SECTION, "each of the [256] channels and", "gap.channels", "exact"),
    # The Practical Example, replayed by Code Fragment 6
    (SECTION, "runs from [0 to 250] with channel means", "mismatch.deployed_range", "numbers"),
    (SECTION, "the expected one stays within about [2] of zero", "mismatch.expected_abs_max", "exact"),
    (SECTION, 'means within [one] unit of', "mismatch.expected_mean_abs_bound", "exact"),
    (SECTION, "with channel means of [55 to 74]; the expected", "mismatch.deployed_mean_range", "numbers"),
    (SECTION, "deployed tensor about [55] times as", "mismatch.response_ratio", "about 2%"),
    # The Research Frontier's baseline, from torchvision's weights metadata
    # Summary
    (SECTION, "it to about [61 million] parameters, with", "alexnet.parameters", "about 1%"),
    # Exercise 20.1.2: the task and the notebook's measurements
    (SECTION, r"Fashion-MNIST, padded to \([32 \times 32]\), recording", "lenet5.input_size", "exact"),
    (SECTION, "Repeat with [eight] convolution layers", "nb.depth_deep", "exact"),
    (SECTION, "learning rate from [0.01, 0.03, 0.1 and 0.3]: 0.03", "nb.learning_rates", "numbers"),
    (SECTION, "and 0.3: [0.03] for ReLU", "nb.best_lr.ReLU", "exact"),
    (SECTION, 'for ReLU, [0.1] for tanh.', "nb.best_lr.tanh", "exact"),
    (SECTION, 'tanh), with [two] and with', "nb.depth_shallow", "exact"),
    (SECTION, 'and with [eight] convolution layers,', "nb.depth_deep", "exact"),
    (SECTION, 'convolution layers, [5] seeds each:', "nb.seeds", "exact"),
    (SECTION, "seeds each: [40] runs of 171 steps", "nb.runs", "exact"),
    (SECTION, "seeds each: 40 runs of [171] steps", "nb.budget", "exact"),
    (SECTION, "training loss crossed [0.5] (rounded", "nb.target_low", "exact"),
    (SECTION, "tanh against ReLU: - [Two] layers, default", "nb.depth_shallow", "exact"),
    (SECTION, "tanh first in [5 of 5] seeds, 30 steps", "nb.2conv.default.0.5.tanh.first_of", "numbers"),
    (SECTION, "5 of 5 seeds, [30] steps against 85", "nb.2conv.default.0.5.tanh.median", "rounded"),
    (SECTION, "30 steps against [85].", "nb.2conv.default.0.5.ReLU.median", "rounded"),
    (SECTION, "85. - [Two] layers, matched", "nb.depth_shallow", "exact"),
    (SECTION, "tanh first in [4 of 5] seeds, 29", "nb.2conv.matched.0.5.tanh.first_of", "numbers"),
    (SECTION, "4 of 5 seeds, [29] against 37", "nb.2conv.matched.0.5.tanh.median", "rounded"),
    (SECTION, "29 against [37].", "nb.2conv.matched.0.5.ReLU.median", "rounded"),
    (SECTION, "37. - [Eight] layers, default", "nb.depth_deep", "exact"),
    (SECTION, "default initialisation: all [5] tanh runs, 80", "nb.8conv.default.0.5.tanh.reached", "exact"),
    (SECTION, "tanh runs, [80] steps; no", "nb.8conv.default.0.5.tanh.median", "rounded"),
    (SECTION, "no ReLU run reached [1.0, let alone 0.5]. - Eight", "nb.8conv.default.ReLU.unreached_targets", "numbers"),
    (SECTION, "0.5. - [Eight] layers, matched", "nb.depth_deep", "exact"),
    (SECTION, "matched initialisation: [5 of 5] tanh runs, 61", "nb.8conv.matched.0.5.tanh.reached_of", "numbers"),
    (SECTION, "tanh runs, [61] steps; only", "nb.8conv.matched.0.5.tanh.median", "rounded"),
    (SECTION, "61 steps; only [2 of 5] ReLU runs", "nb.8conv.matched.0.5.ReLU.reached_of", "numbers"),
    # Exercise 20.1.3, from the winners table of Code Fragment 8
    (SECTION, "was about [28] % in 2010", "ilsvrc.2010", "about 2%"),
    (SECTION, "in 2010, about [26] % in 2011", "ilsvrc.2011", "about 2%"),
    (SECTION, '2011 and [15.3] % in', "ilsvrc.2012", "exact"),
    (SECTION, "Bar chart of the winning ILSVRC top-5 error: [28.2 % in 2010 (NEC-UIUC) and 25.8 % in 2011 "
              "(XRCE), both built on hand-designed descriptors, then 15.3 % in 2012] (SuperVision", "ilsvrc.chart_numbers", "numbers"),
    (SECTION, "**Code Fragment 9:** The winners of [2010 to 2012] and the drop", "ilsvrc.years", "numbers"),
    # The exercise notebook's own text
    (NOTEBOOK, "each of their [8x8] pixels", "digits.image_size", "exact"),
    (NOTEBOOK, "a 32x32 bitmap, from [0 to 16] (", "digits.value_range", "numbers"),
    (NOTEBOOK, "The notebook enlarges them to [32x32].", "lenet5.input_size", "exact"),
    (NOTEBOOK, "to the [32x32] input LeNet-5", "lenet5.input_size", "exact"),
    (NOTEBOOK, "inserts [3x3] convolutions", "nb.extra_kernel", "exact"),
    (NOTEBOOK, "(padding [1], so the map keeps its size)", "nb.extra_padding", "exact"),
    (NOTEBOOK, "after each stage's [5x5] convolution", "lenet5.conv_kernel_shape", "exact"),
    (NOTEBOOK, "He (Kaiming) normal, variance [2] / fan-in", "init.relu_gain_squared", "exact"),
    (NOTEBOOK, "recommended gain for tanh, [5/3]", "init.tanh_gain", "fraction"),
    (NOTEBOOK, "the original [two] convolution layers", "nb.depth_shallow", "exact"),
    (NOTEBOOK, "convolution layers and [eight]", "nb.depth_deep", "exact"),
    (NOTEBOOK, "every seed [Two] depths, two initialisations",
     "nb.depths_count", "exact"),
    (NOTEBOOK, "Two depths, [two] initialisations", "nb.inits_count", "exact"),
    (NOTEBOOK, "two initialisations, [two] activations", "nb.activations_count", "exact"),
    (NOTEBOOK, "two activations and [five] seeds make", "nb.seeds", "exact"),
    (NOTEBOOK, "and five seeds make [40] training runs", "nb.runs", "exact"),
]

SOURCED = [
    # LeNet-5 (LeCun, Bottou, Bengio and Haffner, Proc. IEEE, 1998)
    (SECTION, "layer sizes but not [four] of the paper's choices", "four", "lecun1998",
     "Sections II-A and II-B: scaled tanh squashing, trainable average subsampling, RBF output units set by hand, "
     "C3's partial connection table (Table I)"),
    (SECTION, "By [1998] one design held", "1998", "lecun1998", "publication year"),
    (SECTION, 'LeNet-5 was published in [1998] by Yann', "1998", "lecun1998", "publication year"),
    (SECTION, "it on about [1.2 million] labelled photographs,", "1.2 million", "krizhevsky2012", "Section 2"),
    (SECTION, 'keeps the [1998] layer sizes', "1998", "lecun1998", "publication year"),
    (SECTION, "features\", at [47.1 % and 28.2 %]; the best", "47.1 % and 28.2 %", "krizhevsky2012", "Section 6, Table 1"),
    (SECTION, "features, at [45.7 % and 25.7 %]; the paper's", "45.7 % and 25.7 %", "krizhevsky2012",
     "Section 6, Table 1"),
    (SECTION, 'error: the [2010] winner, which averaged', "2010", "krizhevsky2012", "Section 6"),
    (SECTION, 'network at [37.5 % and 17.0 %]. (a) How', "37.5 % and 17.0 %", "krizhevsky2012", "Section 6, Table 1"),
    (SECTION, "and the [2012] entry combined several networks", "2012", "krizhevsky2012", "Section 6"),
    (SECTION, "output: (a) the second convolution of the [2012] network", "2012", "krizhevsky2012", "publication year"),
    (SECTION, r"so MNIST's \([28 \times 28]\) digits", "28 \\times 28", "lecun1998", "Section III-A"),
    (SECTION, "reading [several million] cheques a day", "several million", "lecun1998", "abstract"),
    (SECTION, "The paper counts about [60,000] trainable parameters", "60,000", "lecun1998",
     "Section II-A, last paragraph (340,908 connections but 60,000 trainable free parameters)"),
    (SECTION, "Code Fragment 1 keeps the [1998] layer sizes", "1998", "lecun1998", "publication year"),
    (SECTION, 'Seen from [1998], AlexNet is', "1998", "lecun1998", "publication year"),
    (SECTION, "- LeNet-5 ([1998]) had", "1998", "lecun1998", "publication year"),
    (SECTION, "end-to-end training, in about [60,000] parameters", "60,000", "lecun1998", "Section II-A"),
    # AlexNet (Krizhevsky, Sutskever and Hinton, NIPS 2012)
    (SECTION, "than the [2012] network's in the first", "2012", "krizhevsky2012", "publication year"),
    (SECTION, "where the [2012] paper drops their outputs", "2012", "krizhevsky2012", "publication year"),
    (SECTION, "the runner-up of [2012] computed from SIFT", "2012", "ilsvrc2012-results", "the page's title"),
    (SECTION, "one NVIDIA GTX [580]'s 3 GB", "580", "krizhevsky2012", "Section 3.2"),
    (SECTION, "so each of [two] cards kept half", "two", "krizhevsky2012", "Section 3.2"),
    (SECTION, 'winner of [2012], kept that', "2012", "krizhevsky2012", "abstract, ILSVRC-2012"),
    (SECTION, "## 2. The [2012] ImageNet Moment", "2012", "krizhevsky2012", "Section 6, ILSVRC-2012"),
    (SECTION, "labelled each photograph with one of [1000] object classes", "1000", "krizhevsky2012", "Section 2"),
    (SECTION, "supplied roughly [1.2 million] labelled training images", "1.2 million", "krizhevsky2012", "Section 2"),
    (SECTION, 'entry names up to [five] classes per', "five", "ilsvrc2012",
     "Task 1: a list of at most 5 object categories per image"),
    (SECTION, "error**, which the [2012] challenge scored", "2012", "ilsvrc2012", "the page's title"),
    (SECTION, 'In [2012] Alex Krizhevsky', "2012", "krizhevsky2012", "Section 6, ILSVRC-2012"),
    (SECTION, "and scored [15.3] %, against 26.2 %", "15.3", "krizhevsky2012", "abstract; Section 6, Table 2"),
    (SECTION, "against [26.2] % for the second-best entry", "26.2", "krizhevsky2012", "Section 6, Table 2"),
    (SECTION, "That [15.3] % came from an ensemble of seven networks, two", "15.3", "krizhevsky2012",
     "Section 6, Table 2"),
    (SECTION, "came from an ensemble of [seven] networks", "seven", "krizhevsky2012", "Section 6, Table 2 (7 CNNs*)"),
    (SECTION, "seven networks, [two] of them pre-trained on the larger Fall 2011", "two", "krizhevsky2012",
     "Section 6"),
    (SECTION, "on the larger Fall [2011] release", "2011", "krizhevsky2012", "Section 6"),
    (SECTION, 'ImageNet; [five] networks trained on', "five", "krizhevsky2012", "Section 6, Table 2 (5 CNNs)"),
    (SECTION, 'alone scored [16.4] %. The', "16.4", "krizhevsky2012", "Section 6, Table 2"),
    (SECTION, "Figure 2) in [two] rows because", "two", "krizhevsky2012", "Section 3.5, Figure 2"),
    (SECTION, "was cut in [two]:", "two", "krizhevsky2012", "Section 3.2"),
    (SECTION, "NVIDIA GTX 580's [3 GB] of memory", "3 GB", "krizhevsky2012", "Section 3.2"),
    (SECTION, "two cards kept [half] of every", "half", "krizhevsky2012", "Section 3.2"),
    (SECTION, "error rates by [1.4 and 1.2] points, but", "1.4 and 1.2",
     "krizhevsky2012", "Section 3.3"),
    (SECTION, "dense ones, about [60 million] parameters in", "60 million", "krizhevsky2012", "abstract"),
    (SECTION, r"\max([0], x)", "0", "krizhevsky2012", "Section 3.1, f(x) = max(0, x)"),
    (SECTION, r"is exactly \([1]\) for", "1", "krizhevsky2012",
     "Section 3.1, derivative of f(x) = max(0, x) for x > 0"),
    (SECTION, "**Compute: [two] GPUs.**", "two", "krizhevsky2012", "Section 3.2"),
    (SECTION, 'network over [two] cards. Training', "two", "krizhevsky2012", "Section 3.2"),
    (SECTION, "Training took [five to six] days", "five to six", "krizhevsky2012", "Section 5"),
    (SECTION, "took batches of [128] images", "128", "krizhevsky2012", "Section 5"),
    (SECTION, "with momentum [0.9] and a weight decay", "0.9", "krizhevsky2012", "Section 5"),
    (SECTION, "and a weight decay of [0.0005], which", "0.0005", "krizhevsky2012", "Section 5"),
    (SECTION, "with a standard deviation of [0.01]. The biases", "0.01", "krizhevsky2012", "Section 5"),
    (SECTION, "hidden dense layers started at [1], which", "1", "krizhevsky2012", "Section 5"),
    (SECTION, 'other biases started at [0].', "0", "krizhevsky2012", "Section 5"),
    (SECTION, "The learning rate began at [0.01] and", "0.01", "krizhevsky2012", "Section 5"),
    (SECTION, "and was divided by [10] by hand", "10", "krizhevsky2012", "Section 5"),
    (SECTION, "stopped improving, [three] times in all", "three", "krizhevsky2012", "Section 5"),
    (SECTION, "cost about [2 %] of top-1 performance", "2 %", "krizhevsky2012", "Section 7"),
    (SECTION, "for roughly [90] passes through", "90", "krizhevsky2012", "Section 5"),
    (SECTION, "passes through the [1.2 million] images", "1.2 million", "krizhevsky2012", "Section 5"),
    (SECTION, "With about [60 million] parameters and 1.2", "60 million", "krizhevsky2012", "abstract"),
    (SECTION, "parameters and [1.2 million] training images, the paper notes", "1.2 million", "krizhevsky2012",
     "Section 2"),
    (SECTION, r"Training used random \([224 \times 224]\) crops", "224 \\times 224", "krizhevsky2012", "Section 4.1"),
    (SECTION, r"crops of the \([256 \times 256]\) images", "256 \\times 256", "krizhevsky2012", "Section 4.1"),
    (SECTION, 'with probability [0.5] in the', "0.5", "krizhevsky2012", "Section 4.2"),
    (SECTION, "probability 0.5 in the first [two] dense layers", "two", "krizhevsky2012", "Section 4.2"),
    (SECTION, 'needs roughly [twice] as many', "twice", "krizhevsky2012", "Section 4.2"),
    (SECTION, r"AlexNet pools \([3 \times 3]\) windows", "3 \\times 3", "krizhevsky2012", "Section 3.4 (z = 3)"),
    (SECTION, r"of \([2]\), so neighbouring", "2", "krizhevsky2012", "Section 3.4 (s = 2)"),
    (SECTION, r"Against \([2 \times 2]\) windows at", "2 \\times 2", "krizhevsky2012",
     "Section 3.4 (s = z = 2)"),
    (SECTION, 'CIFAR-10, a [four]-layer convolutional network', "four", "krizhevsky2012", "Figure 1"),
    (SECTION, "network reached [25 % training error about six times] sooner", "25 % training error about six times",
     "krizhevsky2012", "Section 3.1, Figure 1"),
    (SECTION, "| Compute | [two GTX 580] GPUs", "two GTX 580", "krizhevsky2012", "Section 3.2"),
    (SECTION, "kernels | [five to six] days of training", "five to six", "krizhevsky2012", "Section 5"),
    (SECTION, "days of training; [1.7 / 1.2] points lower", "1.7 / 1.2", "krizhevsky2012", "Section 3.2"),
    (SECTION, 'card with [half] the kernels', "half", "krizhevsky2012",
     "Section 3.2 and its footnote"),
    (SECTION, "wait. The [two]-card network beat", "two", "krizhevsky2012", "Section 3.2"),
    (SECTION, "one-card one with [half] the kernels", "half", "krizhevsky2012", "Section 3.2"),
    (SECTION, "the kernels in its first [four] convolutions", "four", "krizhevsky2012",
     "Section 3.2, footnote 1: the final convolutional layer was not halved"),
    (SECTION, "| Overfitting | dropout in [two] dense layers", "two", "krizhevsky2012", "Section 4.2"),
    (SECTION, "the colour noise alone: top-1 error [over 1 %] lower", "over 1 %", "krizhevsky2012", "Section 4.1"),
    (SECTION, r"| Pooling | overlapping \([3 \times 3]\) windows", "3 \\times 3", "krizhevsky2012", "Section 3.4"),
    (SECTION, r"windows, stride \([2]\) |", "2", "krizhevsky2012", "Section 3.4"),
    (SECTION, "| [0.4 / 0.3] points lower top-1 / top-5 error |", "0.4 / 0.3", "krizhevsky2012", "Section 3.4"),
    (SECTION, "### The [2012] network and torchvision's", "2012", "krizhevsky2012", "publication year"),
    (SECTION, "is not the network of [2012]. torchvision's", "2012", "krizhevsky2012", "publication year"),
    (SECTION, "The [2012] network, as Section 3.5", "2012", "krizhevsky2012", "publication year"),
    (SECTION, "convolutions see only the [half] of the previous layer", "half", "krizhevsky2012", "Section 3.2"),
    (SECTION, "**Code Fragment 3:** The [2012] layer plan", "2012", "krizhevsky2012", "Section 3.5"),
    (SECTION, "The [2012] network has", "2012", "krizhevsky2012", "Section 3.5"),
    (SECTION, "of its first [two] dense layers", "two", "krizhevsky2012", "Section 4.2"),
    (SECTION, "The [2012] network has", "2012", "krizhevsky2012", "Section 3.5"),
    (SECTION, r"The paper's text states a \([224 \times 224]\) input", "224 \\times 224", "krizhevsky2012",
     "Section 3.5"),
    (SECTION, "the [15.3] % of 2012", "15.3", "krizhevsky2012", "Section 6, Table 2"),
    (SECTION, 'the 15.3 % of [2012] came from', "2012", "krizhevsky2012", "Section 6"),
    (SECTION, '2012 came from [seven] networks, and', "seven", "krizhevsky2012", "Section 6, Table 2"),
    (SECTION, "of seven networks, [two] of them", "two", "krizhevsky2012", "Section 6"),
    (SECTION, 'predictions over [ten] crops (the', "ten", "krizhevsky2012", "Section 4.1"),
    (SECTION, "progress since [2012] came from", "2012", "krizhevsky2012", "publication year"),
    (SECTION, '- AlexNet ([2012]) scaled it', "2012", "krizhevsky2012", "publication year"),
    (SECTION, 'parameters, with ReLU, [two] GPUs, augmentation', "two", "krizhevsky2012", "Section 3.2"),
    (SECTION, "in 2011 to [15.3] %.", "15.3", "krizhevsky2012", "abstract"),
    (SECTION, '% in [2012], each on', "2012", "krizhevsky2012", "Section 6"),
    (SECTION, "that won in [2011] also trained on", "2011", "ilsvrc2011", "News, 27 November 2011"),
    (SECTION, 'trained on [1000] categories and', "1000", "ilsvrc2011", "Data"),
    (SECTION, "categories and [1.2 million] images", "1.2 million", "ilsvrc2011", "Data"),
    (SECTION, "2011](#ref-ilsvrc2011)) and reached [25.8] %.", "25.8", "russakovsky2015",
     "Figure 9 (classification error)"),
    (SECTION, 'averaged "[six] sparse-coding models', "six", "krizhevsky2012", "Section 6"),
    (SECTION, "the larger Fall [2011] release of", "2011", "krizhevsky2012", "Section 6"),
    # ILSVRC (Russakovsky et al., IJCV 2015)
    (SECTION, 'The [2011] winner, XRCE,', "2011", "ilsvrc2011", "News, 27 November 2011"),
    (SECTION, "results](#ref-ilsvrc2012-results)), and reached [25.8] % ([Russakovsky", "25.8", "russakovsky2015", "Figure 9 (classification error)"),
    (SECTION, "about 28 % in [2010], about", "2010", "krizhevsky2012", "Section 6, ILSVRC-2010"),
    (SECTION, "about 26 % in [2011] and", "2011", "russakovsky2015", "Figure 9"),
    (SECTION, "top-5 error went from [25.8] % in 2011", "25.8", "russakovsky2015", "Figure 9"),
    (SECTION, "top-5 error went from 25.8 % in [2011] to", "2011", "russakovsky2015", "Figure 9"),
    # Later networks
    (SECTION, r"and its \([1 \times 1]\) convolutions shrink", "1 \\times 1", "szegedy2015", "Section 4"),
    (SECTION, r"before expensive \([3 \times 3]\) and", "3 \\times 3", "szegedy2015", "Section 4"),
    (SECTION, r"and \([5 \times 5]\) ones, which cuts", "5 \\times 5", "szegedy2015", "Section 4"),
    (SECTION, '21) to [80.4] %. Compare', "80.4", "wightman2021", "abstract"),
    (SECTION, "took ResNet-50 from [76.1 % to 78.8 %] top-1", "76.1 % to 78.8 %", "liu2022",
     "Section 2.1"),
    (SECTION, "took it to [82.0] % for", "82.0", "liu2022", "Section 2.6, Figure 2"),
    # VGG's dense head
    # The exercise notebook
    (NOTEBOOK, "counts the set pixels in a [4x4] block", "4x4", "sklearn-digits", "the data set's description"),
    (NOTEBOOK, "normalized initialization, [2] / (fan-in + fan-out)", "2", "glorot2010",
     "Equation 16: the variance of U[-a, a] with a = sqrt(6) / sqrt(n_j + n_j+1)"),
    (NOTEBOOK, "block of a [32x32] bitmap", "32x32", "sklearn-digits", "the data set's description"),
    (NOTEBOOK, "It shows a [four]-layer convolutional network", "four", "krizhevsky2012", "Section 3.1, Figure 1"),
    (NOTEBOOK, "reaches a training error of [25 % about six times] sooner", "25 % about six times", "krizhevsky2012",
     "Section 3.1, Figure 1"),
]

# Every sentence that cites a source, or reports what one did, found, argued, measured or states
# (tests/harness/prose.py finds them), holds the phrase of a row here: the source's own words
# that carry the claim (at most 45), its key in the page's References and where in the source
# they stand. A key "output:<file>" names a recorded output instead, and the quotation must be
# a line that file prints. Locators of krizhevsky2012 follow the NIPS 2012 numbering.
OUT = "output:snippets/lenet_alexnet/"
NOTEBOOK_OUTPUT = "output:docs/chapter-20/notebooks/relu-vs-tanh.ipynb"
# What AlexNet's authors credit their changes with, quoted by two sentences of the page.
CREDITED = ("krizhevsky2012", "Sections 3.1 and 4.2",
            "Deep convolutional neural networks with ReLUs train several times faster than their equivalents "
            "with tanh units. … Without dropout, our network exhibits substantial overfitting.")
QUOTED = [
    # Big Picture and introduction
    # Section 1: LeNet-5
    (SECTION, 'LeNet-5 was published in 1998 by Yann LeCun', "lecun1998", "title page, footnote",
     "The authors are with the Speech and Image Processing Services Research Laboratory, AT&T Labs-Research "
     "… Yoshua Bengio is also with the Departement d'Informatique et de Recherche Operationelle, "
     "Universite de Montreal"),
    (SECTION, "the same paper describes a cheque reader", "lecun1998", "abstract",
     "A graph transformer network for reading a bank check is also described. … It is deployed commercially "
     "and reads several million checks per day."),
    (SECTION, "The paper counts about 60,000 trainable parameters", "lecun1998", "Section II-A, last paragraph",
     "The network in figure 2 contains 340,908 connections, but only 60,000 trainable free parameters "
     "because of the weight sharing."),
    (SECTION, 'replaces its subsampling, which averages the patch', "lecun1998", "Section II-A",
     "Each unit computes the average of its four inputs, multiplies it by a trainable coefficient, adds a "
     "trainable bias, and passes the result through a sigmoid function."),
    (SECTION, 'replaces its output of radial basis units, prototypes set by hand', "lecun1998",
     "Section II-B, output layer", "the output layer is composed of Euclidean Radial Basis Function units "
     "(RBF), one for each class … The parameter vectors of these units were chosen by hand"),
    (SECTION, 'ReLU replaces its scaled tanh', "lecun1998", "Section II-B",
     "The squashing function is a scaled hyperbolic tangent: f(a) = A tanh(Sa)"),
    (SECTION, 'and the second convolution, C3, is full, where in the paper all but one', "lecun1998", "Section II-B",
     "The next six take input from every contiguous subset of four. The next three take input from some "
     "discontinuous subsets of four. Finally the last one takes input from all S2 feature maps."),
    (SECTION, "1,706 more than the 60,000 that the paper's own layers add up to", OUT + "lenet5.out",
     "the lenet5.py table's last line", "total 61,706 60,000 +1,706"),
    (SECTION, "the learned output layer 850", "lecun1998", "Section II-B, output layer",
     "The parameter vectors of these units were chosen by hand and kept fixed (at least initially)."),
    # Key Insight
    (SECTION, 'with saturating units they could not have experimented', "krizhevsky2012",
     "Section 3.1", "we would not have been able to experiment with such large neural networks for this work "
     "if we had used traditional saturating neuron models."),
    (SECTION, 'without augmentation and dropout the network overfitted', "krizhevsky2012",
     "Sections 4.1 and 4.2", "Without this scheme, our network suffers from substantial overfitting … Without "
     "dropout, our network exhibits substantial overfitting."),
    # Section 2: the 2012 ImageNet moment
    (SECTION, "ImageNet's yearly challenge (ILSVRC) labelled each photograph with one of 1000", "krizhevsky2012",
     "Section 2", "ILSVRC uses a subset of ImageNet with roughly 1000 images in each of 1000 categories. In "
     "all, there are roughly 1.2 million training images"),
    (SECTION, 'which the 2012 challenge scored classification by', "ilsvrc2012", "Task 1: Classification",
     "For each image, algorithms will produce a list of at most 5 object categories in the descending order "
     "of confidence. … The overall error score for an algorithm is the average error over all test images."),
    (SECTION, 'the encoding that the runner-up of 2012 computed from SIFT', "ilsvrc2012-results", "Task 1 table",
     "ISI … Weighted sum of scores from each classifier with SIFT+FV, LBP+FV, GIST+FV, and CSIFT+FV, "
     "respectively."),
    (SECTION, 'The 2011 winner, XRCE, classified compressed Fisher vectors', "ilsvrc2011", "News, 27 November 2011",
     "Classification Winners: XRCE Florent Perronnin, Jorge Sanchez [PDF] Compressed Fisher vectors for Large "
     "Scale Visual Recognition"),
    (SECTION, 'entered a deep convolutional network as SuperVision', "ilsvrc2012-results",
     "Task 1 table, first two rows", "SuperVision … 0.15315 Using extra training data from ImageNet Fall 2011 "
     "release"),
    (SECTION, "and scored 15.3 %, against 26.2 % for the second-best entry", "krizhevsky2012", "abstract",
     "achieved a winning top-5 test error rate of 15.3%, compared to 26.2% achieved by the second-best entry."),
    (SECTION, "That 15.3 % came from an ensemble of seven", "krizhevsky2012", "Section 6",
     "Averaging the predictions of two CNNs that were pre-trained on the entire Fall 2011 release with the "
     "aforementioned five CNNs gives an error rate of 15.3%."),
    (SECTION, 'The paper draws AlexNet (its Figure 2) in two rows', "krizhevsky2012", "Figure 2 caption",
     "An illustration of the architecture of our CNN, explicitly showing the delineation of responsibilities "
     "between the two GPUs. One GPU runs the layer-parts at the top of the figure while the other runs the "
     "layer-parts at the bottom."),
    (SECTION, "GTX 580's 3 GB of memory limited", "krizhevsky2012", "Section 3.2",
     "A single GTX 580 GPU has only 3GB of memory, which limits the maximum size of the networks that can be "
     "trained on it."),
    # Section 3: the four bottlenecks
    (SECTION, 'One more change is left out of the four, **local response normalisation**', "krizhevsky2012",
     "Section 3.3", "the response-normalized activity b is given by the expression ... where the sum runs over n "
     "\"adjacent\" kernel maps at the same spatial position ... Response normalization reduces our top-1 and "
     "top-5 error rates by 1.4% and 1.2%, respectively."),
    (SECTION, "Table 1 of the AlexNet paper", "krizhevsky2012", "Section 6, Table 1",
     "The best performance achieved during the ILSVRC-2010 competition was 47.1% and 28.2% with an approach that "
     "averages the predictions produced from six sparse-coding models trained on different features ... the best "
     "published results are 45.7% and 25.7%"),
    (SECTION, '**How it was trained**', "krizhevsky2012", "Section 5, Details of learning",
     "We trained our models using stochastic gradient descent with a batch size of 128 examples, momentum of "
     "0.9, and weight decay of 0.0005."),
    (SECTION, "which the authors found lowered the training error itself", "krizhevsky2012", "Section 5",
     "We found that this small amount of weight decay was important for the model to learn. In other words, "
     "weight decay here is not merely a regularizer: it reduces the model's training error."),
    (SECTION, "which the paper says sped up early learning", "krizhevsky2012", "Section 5",
     "We initialized the neuron biases in the second, fourth, and fifth convolutional layers, as well as in the "
     "fully-connected hidden layers, with the constant 1. This initialization accelerates the early stages of "
     "learning by providing the ReLUs with positive inputs."),
    (SECTION, 'fourth and fifth convolutions follow each other without pooling', "krizhevsky2012",
     "Section 3.5; Section 7", "The third, fourth, and fifth convolutional layers are connected to one another "
     "without any intervening pooling or normalization layers. ... removing any of the middle layers results in "
     "a loss of about 2% for the top-1 performance of the network."),
    (SECTION, "VGG found that it did not improve accuracy on ILSVRC data", "simonyan2015", "Section 2.1",
     "such normalisation does not improve the performance on the ILSVRC dataset, but leads to increased "
     "memory consumption and computation time."),
    (SECTION, "the paper does not argue from gradients vanishing with depth", "krizhevsky2012",
     "Section 3.1, Figure 1 caption", "In terms of training time with gradient descent, these saturating "
     "nonlinearities are much slower than the non-saturating nonlinearity f(x) = max(0, x)."),
    (SECTION, "AlexNet's authors call such units saturating", "krizhevsky2012", "Section 3.1",
     "In terms of training time with gradient descent, these saturating nonlinearities are much slower than "
     "the non-saturating nonlinearity f(x) = max(0, x)."),
    (SECTION, "The evidence is the paper's Figure 1, where a small network on CIFAR-10", "krizhevsky2012",
     "Figure 1 caption", "reaches a 25% training error rate on CIFAR-10 six times faster than an equivalent "
     "network with tanh neurons (dashed line). The learning rates for each network were chosen independently "
     "to make training as fast as possible."),
    (SECTION, "The authors wrote their own GPU code for convolution", "krizhevsky2012", "Section 1",
     "We wrote a highly-optimized GPU implementation of 2D convolution and all the other operations inherent "
     "in training convolutional neural networks"),
    (SECTION, "the network's size, the authors write, was limited mainly", "krizhevsky2012",
     "Section 1", "the network's size is limited mainly by the amount of memory available on current GPUs and "
     "by the amount of training time that we are willing to tolerate."),
    (SECTION, "the paper notes, the network was prone to considerable overfitting", "krizhevsky2012",
     "Section 4", "this turns out to be insufficient to learn so many parameters without considerable "
     "overfitting."),
    (SECTION, 'a footnote calls the comparison biased', "krizhevsky2012", "Section 3.2, footnote 1",
     "we did not halve the size of the final convolutional layer (nor the fully-conneced layers which "
     "follow). Therefore this comparison is biased in favor of the one-GPU net"),
    (SECTION, 'the overlapping version was slightly harder to overfit',
     "krizhevsky2012", "Section 3.4", "This scheme reduces the top-1 and top-5 error rates by 0.4% and 0.3%, "
     "respectively … models with overlapping pooling find it slightly more difficult to overfit."),
    (SECTION, "Its authors rank it last of their changes to the architecture", "krizhevsky2012", "Section 3",
     "Sections 3.1-3.4 are sorted according to our estimation of their importance, with the most important "
     "first."),
    # The 2012 network and torchvision's
    (SECTION, "torchvision's documentation ([TorchVision, alexnet](#ref-torchvision-alexnet)) says",
     "torchvision-alexnet", "the docstring of alexnet()",
     "AlexNet was originally introduced in the ImageNet Classification with Deep Convolutional Neural "
     "Networks paper. Our implementation is based instead on the \"One weird trick\" paper above."),
    (SECTION, "That paper's footnote gives its five convolutions", "krizhevsky2014", "footnote 1 (page 5)",
     "In detail, the single-column model has 64, 192, 384, 384, 256 filters in the five convolutional "
     "layers, respectively."),
    (SECTION, "the maintainers traced that number to Krizhevsky's own single-GPU code", "torchvision-pr463",
     "fmassa's reply and soumith's reply", "our current implementation comes from the torch "
     "re-implementation, which is based on the single GPU implementation from Alex which uses 256 filters … "
     "the pre-trained models would be broken."),
    (SECTION, "its last lines give torchvision's fourth convolution the 384", OUT + "alexnet_2012.out",
     "the fragment's last line", "torchvision's narrower conv4 saves 737,408 parameters (conv4 and conv5)"),
    (SECTION, 'likely mistake that a maintainer said would stay', "torchvision-issue549",
     "the maintainer's reply",
     "it seems that you might be right. … I think we will be living with this mistake, as people have already "
     "built models and got results based on the models that we provided"),
    (SECTION, "as Section 3.5 of its paper lays it out", "krizhevsky2012", "Section 3.5",
     "Response-normalization layers follow the first and second convolutional layers. … The kernels of the "
     "second, fourth, and fifth convolutional layers are connected only to those kernel maps in the previous "
     "layer which reside on the same GPU"),
    (SECTION, "Its first lines check the response normalisation", "krizhevsky2012", "Section 3.3",
     "we used k = 2, n = 5, α = 10^-4, and β = 0.75."),
    (SECTION, "Its first lines check the response normalisation against the paper's formula", OUT + "alexnet_2012.out",
     "the fragment's first line", "LRN layer equals Section 3.3's formula: True"),
    (SECTION, "The paper's text states a", "krizhevsky2012", "Section 3.5 and Figure 2",
     "The first convolutional layer filters the 224×224×3 input image with 96 kernels of size 11×11×3 with a "
     "stride of 4 pixels"),
    # The dense head's successors
    (SECTION, "Network in Network replaced the dense classifier", "lin2014", "Section 3.2",
     "Instead of adding fully connected layers on top of the feature maps, we take the average of each "
     "feature map"),
    (SECTION, 'GoogLeNet kept that pooling', "szegedy2015", "Section 5",
     "The use of average pooling before the classifier is based on [12], although our implementation "
     "differs in that we use an extra linear layer."),
    (SECTION, 'convolutions shrink the channel count before expensive', "szegedy2015", "Section 4",
     "1×1 convolutions are used to compute reductions before the expensive 3×3 and 5×5 convolutions."),
    # Library shortcut
    (SECTION, 'returns the inference transforms torchvision documents', "torchvision-models",
     "Using the pre-trained models", "All the necessary information for the inference transforms of each "
     "pre-trained model is provided on its weights documentation."),
    (SECTION, "the training recipe that the weights' metadata links uses random crops", "torchvision-references",
     "ClassificationPresetTrain", "transforms.RandomResizedCrop(crop_size, interpolation=interpolation) … "
     "transforms.RandomHorizontalFlip(hflip_prob) … transforms.Normalize(mean=mean, std=std)"),
    (SECTION, 'on a single crop per image', "torchvision-models",
     "Table of all available classification weights", "Accuracies are reported on ImageNet-1K using single "
     "crops"),
    (SECTION, "the paper's test procedure averages a network's predictions", "krizhevsky2012", "Section 4.1",
     "extracting five 224 × 224 patches (the four corner patches and the center patch) as well as their "
     "horizontal reflections (hence ten patches in all), and averaging the predictions"),
    # Section 4
    # Research Frontier
    (SECTION, 'a modern recipe alone took ResNet-50 from', "liu2022", "Section 2.1",
     "this enhanced training recipe increased the performance of the ResNet-50 model from 76.1% [1] to 78.8% "
     "(+2.7%)"),
    (SECTION, '"ResNet strikes back" ([Wightman et al., 2021](#ref-wightman2021)) trained the',
     "wightman2021", "abstract", "a vanilla ResNet-50 reaches 80.4% top-1 accuracy at resolution 224×224 on "
     "ImageNet-val without extra data or distillation."),
    (SECTION, 'design changes took it to 82.0 %', "liu2022", "Section 2.6",
     "We can improve the accuracy to 82.0%, significantly exceeding Swin-T's 81.3%."),
    # Summary
    # Exercises
    (SECTION, 'The median step at which the smoothed training loss crossed 0.5', NOTEBOOK_OUTPUT, "the verdicts cell",
     "2 conv, default init, loss 0.5: tanh first in 5 of 5 seeds"),
    (SECTION, "week, and changes its authors credit with faster training", *CREDITED),
    (SECTION, "and the changes its authors credit with faster training", *CREDITED),
    (SECTION, "it questions the caption of the paper's Figure 1", "krizhevsky2012", "Figure 1 caption",
     "networks with ReLUs consistently learn several times faster than equivalents with saturating neurons."),
    (SECTION, 'also trained on 1000 categories and 1.2 million images', "ilsvrc2011", "Data",
     "The training data, the subset of ImageNet containing the 1000 categories and 1.2 million images, will "
     "be packaged for easy downloading."),
    # The exercise notebook
    (NOTEBOOK, "It shows a four-layer convolutional network on CIFAR-10", "krizhevsky2012", "Figure 1 caption",
     "reaches a 25% training error rate on CIFAR-10 six times faster than an equivalent network with tanh "
     "neurons (dashed line). The learning rates for each network were chosen independently"),
    (NOTEBOOK, "Its Figure 1 is not an ImageNet result", "krizhevsky2012", "Figure 1 caption",
     "A four-layer convolutional neural network with ReLUs (solid line) reaches a 25% training error rate on "
     "CIFAR-10"),
    (NOTEBOOK, "the scheme He et al. derived for rectifiers", "he2015", "Section 2.2",
     "This leads to a zero-mean Gaussian distribution whose standard deviation (std) is √(2/n_l). This is our "
     "way of initialization."),
    (NOTEBOOK, "the variance of Glorot and Bengio's normalized initialization", "glorot2010",
     "Section 4.2.1, Equation 16", "We call it the normalized initialization: W ∼ U[−√6/√(n_j + n_{j+1}), "
     "√6/√(n_j + n_{j+1})]"),
    (NOTEBOOK, "They are not photographs of digits", "sklearn-digits", "the data set's description",
     "32x32 bitmaps are divided into nonoverlapping blocks of 4x4 and the number of on pixels are counted in "
     "each block. This generates an input matrix of 8x8 where each element is an integer in the range 0..16."),
    (NOTEBOOK, "It is not a re-run of the AlexNet paper's CIFAR-10 experiment",
     "krizhevsky2012", "Figure 1 caption",
     "The learning rates for each network were chosen independently to make training as fast as possible."),
]

# Sentences that the finder flags for their words ("the paper", "reports", "measured") but that
# state no finding of a source: what this site does, or a pointer for the reader. None may cite.
NO_SOURCE = [
    (SECTION, "**Table 20.1.1:** The four bottlenecks, the change AlexNet made, and what the paper reports",
     "a table caption; each row's sentence in the text carries the quotation"),
    (SECTION, "| Bottleneck | AlexNet's change | What the AlexNet paper reports |", "a table header"),
    (SECTION, "Code Fragment 1 keeps the 1998 layer sizes but not four of the paper's choices",
     "announces the four differences that the next sentences quote one by one"),
    (HOME, "Every number in it is either computed by the code on the page", "what the site checks"),
]
