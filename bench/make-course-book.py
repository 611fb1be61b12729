#!/usr/bin/env python3
"""make-course-book.py N OUTDIR — a book of N chapters as rough as a real course: about 70 KB each
of Chinese prose with inline math, display formulas (closed arithmetic with correct values, tags,
cases, aligned), code fences of other languages (Python, JavaScript, shell), GFM tables with math in
their cells, lists, block quotes and images; no `swift run` blocks. Formulas vary from chapter to
chapter and section to section, as a course's do, so a cold render typesets thousands of distinct
formulas. Deterministic: the same N gives the same book."""
import math
import os
import random
import shutil
import sys

N = int(sys.argv[1])
OUT = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE_IMAGES = os.path.join(HERE, "..", "Tests", "Fixtures", "public-course", "Images", "7")
TARGET = 70 * 1024

shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(os.path.join(OUT, "Images"))
image = sorted(f for f in os.listdir(FIXTURE_IMAGES) if f.endswith((".png", ".svg", ".jpg")))[0]
shutil.copy(os.path.join(FIXTURE_IMAGES, image), os.path.join(OUT, "Images", image))

WORDS = ("我们 考虑 一个 分类 模型 的 输出 概率 损失 梯度 参数 更新 学习率 样本 特征 向量 矩阵 "
         "softmax sigmoid logit cross-entropy 的 导数 可以 写成 因此 注意 当 时 其中 表示 第").split()


def prose(rng, words=60):
    text = []
    for _ in range(words):
        r = rng.random()
        if r < 0.08:
            k = rng.randint(1, 9)
            text.append(f"$z_{{{k}}}$")
        elif r < 0.12:
            text.append(f"$\\sigma(x_{{{rng.randint(1, 20)}}})$")
        elif r < 0.14:
            text.append(f"**{rng.choice(WORDS)}**")
        else:
            text.append(rng.choice(WORDS))
    return " ".join(text) + "。"


def section(rng, chapter, number):
    a, b = rng.randint(2, 97), rng.randint(2, 97)
    x = round(rng.uniform(0.1, 3.0), 2)
    parts = [f"## {chapter}.{number} 第 {number} 节", prose(rng), prose(rng, 40)]
    parts.append(f"$$\\frac{{{a}}}{{{b}}} \\approx {a / b:.4f}$$")
    parts.append(f"$$e^{{-{x}}} = {math.exp(-x):.4f} \\tag{{{chapter}.{number}}}$$")
    parts.append(
        "$$\n\\frac{\\partial a_i}{\\partial z_j} = \\begin{cases} a_i(1 - a_i) & i = j \\\\ "
        f"-a_i a_j & i \\neq j \\end{{cases}}, \\quad k = {a}\n$$")
    parts.append(
        "$$\n\\begin{aligned} L &= -\\sum_{j=1}^{" + str(b) + "} y_j \\ln a_j \\\\ "
        f"&\\approx {rng.uniform(0.01, 2):.3f} \\end{{aligned}}\n$$")
    parts.append(prose(rng))
    parts.append(
        "```python\nimport numpy as np\n\n"
        f"def softmax(z):\n    z = z - np.max(z)\n    e = np.exp(z)\n    return e / e.sum()\n\n"
        f"z = np.array([{a}, {b}, {x}])\nprint(softmax(z))  # {number}\n```")
    parts.append(prose(rng, 30))
    parts.append(
        "| 记号 | 含义 | 取值 |\n|---|---|---|\n"
        + "\n".join(f"| $a_{{{i}}}$ | 第 {i} 类的概率 | ${rng.uniform(0, 1):.3f}$ |" for i in range(1, 6)))
    parts.append(
        "```js\nfunction sigmoid(x) {\n  return 1 / (1 + Math.exp(-x));\n}\n"
        f"console.log(sigmoid({x}));\n```")
    parts.append("- " + prose(rng, 15) + "\n- " + prose(rng, 15) + "\n- " + prose(rng, 15))
    parts.append("> " + prose(rng, 40))
    parts.append(f"![第 {chapter}.{number} 节的图](Images/{image})")
    parts.append(f"```bash\npython train.py --lr {x} --epochs {a}\n```")
    parts.append(f"$\\sqrt{{{a}}} \\approx {math.sqrt(a):.3f}$ 而 ${a} \\times {b} = {a * b}$，" + prose(rng, 30))
    return "\n\n".join(parts)


for chapter in range(1, N + 1):
    rng = random.Random(chapter)
    text = f"# 第 {chapter} 章\n\n" + prose(rng) + "\n\n"
    number = 1
    while len(text.encode("utf-8")) < TARGET:
        text += section(rng, chapter, number) + "\n\n"
        number += 1
    with open(os.path.join(OUT, f"ch{chapter:03d}.md"), "w", encoding="utf-8") as file:
        file.write(text)
print(f"wrote {N} chapters of about 70 KB to {OUT}")
