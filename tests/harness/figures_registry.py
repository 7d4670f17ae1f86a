"""The generated figures: output file name -> function returning its SVG text."""

from figures import alexnet_parameters, ilsvrc_error, lenet5_pipeline

FIGURES = {
    module.FILE_NAME: module.build for module in (lenet5_pipeline, alexnet_parameters, ilsvrc_error)
}
