"""Every number the prose states that code can compute, tied to that code.

One row per claim: the page, the phrase exactly as the page writes it with the number in
[brackets], the fact it states (computed in harness/facts.py from the snippets the pages
show) and how the two are compared:

    exact      the bracketed number (or shape, like 5x5x16) equals the fact
    rounded    the fact, rounded to as many decimals as the page gives, equals the number
    about N%   the number is within N % of the fact ("about 37 million")
    few        "a few million": the fact lies between one and ten million

Editing a phrase on a page without editing its row, or changing the code so that the fact
moves, fails test_claims.py, naming the page and the phrase.
"""

SECTION = "chapter-20/lenet-alexnet.md"
NOTEBOOK = "chapter-20/notebooks/relu-vs-tanh.ipynb"  # its Markdown cells

CLAIMS = [
    # LeNet-5
    (SECTION, "With about [60,000] parameters it is small", "lenet5.parameters", "about 5%"),
    (SECTION, "and end-to-end training by backpropagation, in about [60,000] parameters", "lenet5.parameters", "about 5%"),
    (SECTION, "The count of [61,706] parameters", "lenet5.parameters", "exact"),
    (SECTION, r"the \([5 \times 5 \times 16]\) map that is flattened", "lenet5.feature_map", "exact"),
    (SECTION, r"image down to a \([5 \times 5 \times 16]\) block of features", "lenet5.feature_map", "exact"),
    (SECTION, "flattened into [400] inputs for the classifier", "lenet5.classifier_inputs", "exact"),
    (SECTION, r"subsampling take a \([32 \times 32]\) image down", "lenet5.input_size", "exact"),
    # AlexNet
    (SECTION, "grown to roughly [60 million] parameters", "alexnet.parameters", "about 5%"),
    (SECTION, "grew the template to about [61 million] parameters", "alexnet.parameters", "about 1%"),
    (SECTION, "| Overfitting | [60M] parameters can memorise", "alexnet.parameters", "about 5%"),
    (SECTION, "Of the [61,100,840] parameters, most sit", "alexnet.parameters", "exact"),
    (SECTION, r"which is 0.038 % of [61,100,840]", "alexnet.parameters", "exact"),
    (SECTION, "Together, the five convolutions account for just [a few million] weights", "alexnet.conv_parameters", "few"),
    (SECTION, "Together, the [five] convolutions", "alexnet.conv_layers", "exact"),
    (SECTION, r"\(256 \times 6 \times 6 = [9216]\) activations", "alexnet.first_dense_inputs", "exact"),
    (SECTION, r"\([256 \times 6 \times 6] = 9216\) activations", "alexnet.first_dense_inputs_shape", "exact"),
    (SECTION, r"activations onto \([4096]\) units", "alexnet.first_dense_outputs", "exact"),
    (SECTION, "holds about [37 million] on its own", "alexnet.first_dense_parameters", "about 3%"),
    (SECTION, "on its own, [61.79] % of the whole network", "alexnet.first_dense_share_percent", "rounded"),
    (SECTION, r"11 \times 11 + 64\) = [23,296] parameters", "alexnet.first_conv_parameters", "exact"),
    (SECTION, "parameters, which is [0.038] % of", "alexnet.first_conv_share_percent", "rounded"),
    (SECTION, r"\(9216 \times 4096 + 4096\) = [37,752,832] parameters", "alexnet.first_dense_parameters", "exact"),
    (SECTION, "parameters, [61.788] % of the total", "alexnet.first_dense_share_percent", "rounded"),
    (SECTION, "about [1,621] times the first convolution", "alexnet.dense_to_conv_ratio", "rounded"),
    (SECTION, r"The \([11] \times 11\) stem with stride", "alexnet.stem_kernel", "exact"),
    (SECTION, r"\times 11\) stem with stride [4], the overlapping", "alexnet.stem_stride", "exact"),
    (SECTION, r"AlexNet pooled with \([3] \times 3\) windows", "alexnet.pool_kernel", "exact"),
    (SECTION, r"windows at stride \([2]\), so neighbouring", "alexnet.pool_stride", "exact"),
    (SECTION, "and the [two] `Dropout` layers", "alexnet.dropout_layers", "exact"),
    # The pretrained weights and their preprocessing
    (SECTION, r"a centre crop to \([224]\) and normalisation", "pretrained.crop", "exact"),
    (SECTION, "training images in [1000] classes", "pretrained.classes", "exact"),
    # The Practical Example, replayed
    (SECTION, "sit between 0 and [250] with channel means", "mismatch.deployed_max", "exact"),
    (SECTION, "channel means around [55] to 74", "mismatch.deployed_mean_min", "about 1%"),
    (SECTION, "channel means around 55 to [74]", "mismatch.deployed_mean_max", "about 1%"),
    # ILSVRC winners (Exercise 20.1.3)
    (SECTION, "reached [15.3] %. Beating the strongest", "ilsvrc.2012", "exact"),
    (SECTION, "went from about [28] % to about 26 %", "ilsvrc.2010", "about 2%"),
    (SECTION, "went from about 28 % to about [26] %", "ilsvrc.2011", "about 2%"),
    (SECTION, "The classical pipelines gained [2.4] points", "ilsvrc.drop_2010_2011", "rounded"),
    (SECTION, "the CNN took [10.5] points off", "ilsvrc.drop_2011_2012", "rounded"),
    (SECTION, "top-5 error from about [26] % to 15.3 %", "ilsvrc.2011", "about 2%"),
    (SECTION, "top-5 error from about 26 % to [15.3] %", "ilsvrc.2012", "exact"),
    # The exercise notebook's own text
    (NOTEBOOK, "Offline, it uses the [1,797] handwritten digits", "digits.images", "exact"),
    (NOTEBOOK, "(real scans of [8x8] pixels", "digits.image_size", "exact"),
]
