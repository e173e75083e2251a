"""Keeps answer keys out of feedback pages.

nbgrader's feedback shows the autograded notebook, test cells included, with
full tracebacks. This preprocessor (enabled in ``grading/nbgrader_config.py``)
replaces the code of every test cell with one neutral line and shortens error
tracebacks to their last line, so a page shows the learner's answers, the
grading cards and the points, and never how the answer was checked.
"""
from nbconvert.preprocessors import Preprocessor
from nbgrader import utils

CHECKED = "# Checked by the course when you submitted."


class HideTestCode(Preprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            cell.source = CHECKED
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
