"""The generated figures: output file name -> function returning its SVG text."""

from figures import lenet5_pipeline

FIGURES = {
    lenet5_pipeline.FILE_NAME: lenet5_pipeline.build,
}
