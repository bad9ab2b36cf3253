# ctest images_cli_digits: `neurostep train` on the image sets, as a user runs it.
#   cmake -DNEUROSTEP=... -DSOURCE=... -DWORK=... -P cli_images.cmake
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/model.json [[{"input_dim": 64, "layers": [{"units": 32, "activation": "relu"},
  {"units": 10, "activation": "softmax"}], "loss": "sparse_categorical_crossentropy", "optimizer": "adam"}]])

function(run_neurostep expect)
  execute_process(COMMAND ${NEUROSTEP} ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "neurostep ${ARGN} exited with ${status}:\n${out}\n${err}")
  endif()
  if(NOT out MATCHES "${expect}")
    message(FATAL_ERROR "neurostep ${ARGN}: expected output matching '${expect}', got:\n${out}\n${err}")
  endif()
endfunction()

run_neurostep("fashion_mnist +\\(images 28 x 28, 10 classes, 60000 training \\+ 10000 test images" datasets)
run_neurostep("training on 1348 rows, testing on 449" train ${WORK}/model.json --dataset digits --test-ratio 0.25
              --epochs 3 --history ${WORK}/history.json --out ${WORK}/trained.json)
file(READ ${WORK}/history.json history)
string(REGEX MATCHALL "\"val_accuracy\"" epochs "${history}")
list(LENGTH epochs n)
if(NOT n EQUAL 3 OR NOT history MATCHES "\"epoch\":3,\"loss\":[0-9.e-]+,\"accuracy\":[0-9.e-]+,\"val_loss\"")
  message(FATAL_ERROR "--history should hold 3 epochs of loss, accuracy, val_loss, val_accuracy:\n${history}")
endif()

file(WRITE ${WORK}/fashion.json [[{"input_dim": 784, "layers": [{"units": 16, "activation": "relu"},
  {"units": 10, "activation": "softmax"}], "loss": "sparse_categorical_crossentropy", "optimizer": "adam"}]])
run_neurostep("training on 500 rows, testing on 10000 \\(fashion_mnist's own test images\\)" train ${WORK}/fashion.json
              --dataset fashion_mnist --count 500 --epochs 1)
run_neurostep("training on 375 rows, testing on 125, batch" train ${WORK}/fashion.json
              --dataset fashion_mnist --count 500 --test-ratio 0.25 --epochs 1)
